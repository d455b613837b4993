// The seed every seeded operation takes (agent runs, validations, generated cases, dataset splits): a whole number
// that fits the int4 column it is stored in.
import { z } from 'zod';

export const SEED_MAX = 2 ** 31 - 1;

export const seedField = () => z.number().int('The seed is a whole number.').min(0).max(SEED_MAX);
