/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite and the trainer's tfjs backend load .wasm files from their own folders, and postgres-js opens raw sockets:
  // they must load from node_modules at run time, not be bundled.
  serverExternalPackages: ['@electric-sql/pglite', 'postgres', 'bcryptjs', '@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm'],
  experimental: {
    // forbidden() gives a real 403 when a role reaches a page it may not see.
    authInterrupts: true,
  },
  // `npm test` runs `tsc --noEmit` over the whole repo before building; checking twice costs CI half a minute.
  typescript: { ignoreBuildErrors: true },
  poweredByHeader: false,
};

export default nextConfig;
