import { defineConfig } from 'vitest/config';

// Two projects over the same randomised suites (test/support/sizes.ts reads which one runs):
//   unit - every unit test; the randomised ones at a fixed seed and a reduced size (`npm test`).
//   soak - only the randomised suites, random seeds, the full sizes of docs/reliability.md section 6
//          (`npm run soak`, summary in docs/SOAK.md). It exists only when WXPAY_SOAK=1, so a plain `npx vitest run` never
//          starts it by accident.
const SOAK = process.env.WXPAY_SOAK === '1';

/** The suites that take their seed and size from test/support/sizes.ts. */
export const SOAK_SUITES = [
  'test/unit/engine/model.test.ts',
  'test/unit/engine/sim-faults.test.ts',
  'test/unit/engine/crash.test.ts',
  'test/unit/wxpay/sign-oracle.test.ts',
  'test/unit/wxpay/xml-mutation.test.ts',
  'test/unit/wxpay/input.test.ts',
  'test/unit/store/history.test.ts',
  'test/unit/sim/model.property.test.ts',
  'test/unit/renderer/keypad.test.ts',
  'test/unit/renderer/windowing.test.ts',
  'test/unit/engine/quickpay-faults.test.ts', // issue 12 point 5
];

export default defineConfig({
  test: {
    environment: 'node',
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'], env: { WXPAY_SOAK: '0' } } },
      ...(SOAK
        ? [
            {
              extends: true as const,
              test: {
                name: 'soak',
                include: SOAK_SUITES,
                env: { WXPAY_SOAK: '1' },
                // one suite at a time: each sized suite is heavy, and its duration is reported on its own
                fileParallelism: false,
                testTimeout: 1_800_000,
                hookTimeout: 300_000,
              },
            },
          ]
        : []),
    ],
  },
});
