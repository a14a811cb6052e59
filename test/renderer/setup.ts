import '@testing-library/jest-dom/vitest';
import { configure } from '@testing-library/react';
import { vi } from 'vitest';

// Whole screens of MUI render slowly in jsdom, more so when test files run in parallel:
// give `findBy…`/`waitFor` and each test more time than the defaults (1 s and 5 s): a loaded 2-core CI
// machine must not turn a slow render into a failure (a real failure still fails, only later).
configure({ asyncUtilTimeout: 15_000 });
vi.setConfig({ testTimeout: 90_000 });
