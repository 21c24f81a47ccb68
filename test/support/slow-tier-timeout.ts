/**
 * The int and e2e tiers run real SQLite files, worker threads, the built server and Chromium: on a
 * 2-core machine shared with other runs, jest's 5 s default was passed by tests that take under a
 * second alone (CI failed on it twice). 30 s a test there; a test that needs more says so itself.
 */
jest.setTimeout(30_000);
