/**
 * The API role tests again, through the network (issue 14 §5): each test's App is served by the server mode's HTTPS
 * host on 127.0.0.1 and called through the desktop client (certificate pinned, bearer session) — see
 * test/integration/api/harness.ts. `npm run test:network`.
 */
import { defineConfig } from 'vitest/config';

/**
 * Left out: auth.test.ts — its throttling test expects a fresh counter for another login, but through the network every
 * attempt also carries the address 127.0.0.1, whose own counter (per address, issue 14 §2) closes it first, as designed.
 * network-transport.test.ts proves the harness really goes through HTTPS.
 */
export const NETWORK_ROLE_TESTS = [
  'test/integration/api/network-transport.test.ts',
  'test/integration/api/access.test.ts',
  'test/integration/api/interview-access.test.ts',
  'test/integration/api/ep-mds-scope.test.ts',
  'test/integration/api/organismes-scope.test.ts',
  'test/integration/api/desk.test.ts',
];

export default defineConfig({
  test: {
    name: 'network',
    environment: 'node',
    include: NETWORK_ROLE_TESTS,
    env: { PARCOURS_API_TRANSPORT: 'network' },
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores shared: one file at a time, each with its own server on a free port.
    fileParallelism: false,
  },
});
