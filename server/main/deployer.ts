// Registers the Runtime factory as the pipeline's deployer. Until the Runtime factory lands (server/runtime/deploy.ts,
// server/runtime/deployments.ts) nothing is registered, and the wizard's runtime step says "Runtime not available".
import 'server-only';

export {};
