/**
 * Suites that need a program a fresh machine may lack (Debian's chromium for the pages, Debian's
 * docker-compose for the compose file). `npm test` must run anywhere, so where the program is
 * missing such a suite is reported skipped by jest, its name saying what is missing and the one
 * command that installs it. CI must never skip them: `.ci/run` installs the programs and sets
 * SURVEY_REQUIRE_ALL_TESTS=1, under which a missing program fails the suite instead.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

export const REQUIRE_ALL = process.env.SURVEY_REQUIRE_ALL_TESTS === '1';

/** A program some suites need: whether it is here, what it is called, how to install it. */
export interface Requirement {
  name: string;
  present: () => boolean;
  install: string;
}

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const DOCKER_COMPOSE = process.env.DOCKER_COMPOSE ?? 'docker-compose';

export const chromiumInstalled: Requirement = {
  name: `chromium (${CHROMIUM_PATH})`,
  present: () => isExecutable(CHROMIUM_PATH),
  // The font gives the screenshots Chinese glyphs; the tests do not need it to pass.
  install: 'apt-get install chromium fonts-wqy-microhei',
};

export const dockerComposeInstalled: Requirement = {
  name: `docker-compose (${DOCKER_COMPOSE})`,
  present: () => !spawnSync(DOCKER_COMPOSE, ['version'], { stdio: 'ignore' }).error,
  install: 'apt-get install docker-compose',
};

/**
 * `describe` when the program is here; otherwise `describe.skip` under a name that says why, or,
 * under SURVEY_REQUIRE_ALL_TESTS=1, a suite of one failing test naming what is missing.
 */
export function describeIfInstalled(requirement: Requirement, name: string, body: () => void): void {
  if (requirement.present()) return describe(name, body);
  const missing = `${requirement.name} is not installed: ${requirement.install}`;
  if (!REQUIRE_ALL) {
    // jest's reporters name no test of a file whose tests are all skipped: one line says why here.
    process.stderr.write(`skipped: ${name} — ${missing}\n`);
    return describe.skip(`${name} — skipped: ${missing}`, body);
  }
  // The suite's own hooks are not run: they would start what they cannot finish (an app and no browser).
  describe(name, () => {
    it(`needs ${requirement.name}`, () => {
      throw new Error(`${missing} (SURVEY_REQUIRE_ALL_TESTS=1: these tests may not be skipped here)`);
    });
  });
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
