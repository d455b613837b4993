// Cleaning at scale on the embedded database (PGlite): see scale-suite.ts.
import { memoryDb } from '@/server/testing/db';
import { cleaningAtScale } from './scale-suite';

cleaningAtScale('PGlite', () => memoryDb(), 3000);
