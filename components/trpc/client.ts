'use client';
// The React side of tRPC: `useTRPC()` gives typed query/mutation options for @tanstack/react-query.
import { createTRPCContext } from '@trpc/tanstack-react-query';
import type { AppRouter } from '@/server/routers/_app';

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();
