import { join } from "node:path";
import type * as DashboardModule from "../../scripts/dist/dashboard/index";
import { REPO_ROOT } from "./repoRoot";

/**
 * The dashboard's modules (scripts/src/dashboard), compiled. The CLI package exports only its notebooks
 * runner, so tests reach the compiled files by path, as they reach the emulator's internals.
 */
export const dashboardModule = require(join(REPO_ROOT, "scripts", "dist", "dashboard", "index.js")) as typeof DashboardModule;
