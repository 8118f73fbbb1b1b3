import { join } from "node:path";
import type * as AwsSuiteOptionsModule from "../../scripts/dist/awsSuite/awsSuiteOptions";
import type * as ConfirmRunModule from "../../scripts/dist/awsSuite/confirmRun";
import type * as FidelityClientsModule from "../../scripts/dist/awsSuite/fidelityClients";
import type * as RunPrefixModule from "../../scripts/dist/awsSuite/runPrefix";
import type * as SuiteFilesModule from "../../scripts/dist/awsSuite/suiteFiles";
import type * as SweepModule from "../../scripts/dist/awsSuite/sweepRunResources";
import { REPO_ROOT } from "./repoRoot";

/** The runner's modules (scripts/src/awsSuite), loaded from their build: the suite names, reaches and sweeps as it does. */
const AWS_SUITE = join(REPO_ROOT, "scripts", "dist", "awsSuite");

export const { endpointRefusal, parseAwsSuiteOptions } = require(join(AWS_SUITE, "awsSuiteOptions.js")) as typeof AwsSuiteOptionsModule;
export const { confirmRun } = require(join(AWS_SUITE, "confirmRun.js")) as typeof ConfirmRunModule;
export const { awsFidelityClients, fidelityClients, resolveSuiteRegion } = require(join(AWS_SUITE, "fidelityClients.js")) as typeof FidelityClientsModule;
export const { catalogName, runPrefixFrom, FIDELITY_PREFIX } = require(join(AWS_SUITE, "runPrefix.js")) as typeof RunPrefixModule;
export const { TEST_TARGET_ENV } = require(join(AWS_SUITE, "suiteFiles.js")) as typeof SuiteFilesModule;
export const { sweepRunResources } = require(join(AWS_SUITE, "sweepRunResources.js")) as typeof SweepModule;
export type FidelityClients = FidelityClientsModule.FidelityClients;
