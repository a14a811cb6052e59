import '@testing-library/jest-dom/vitest';
import { configure } from '@testing-library/react';
import { vi } from 'vitest';

// Whole screens of MUI render slowly in jsdom, more so when test files run in parallel:
// give `findBy…`/`waitFor` and each test more time than the defaults (1 s and 5 s).
configure({ asyncUtilTimeout: 5_000 });
vi.setConfig({ testTimeout: 30_000 });
