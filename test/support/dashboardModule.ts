import { join, resolve } from "node:path";
import type * as DashboardModule from "../../scripts/dist/dashboard/index";

/**
 * The dashboard's modules (scripts/src/dashboard), compiled. The CLI package exports only its notebooks
 * runner, so tests reach the compiled files by path, as they reach the emulator's internals.
 */
export const dashboardModule = require(join(resolve(__dirname, "..", "..", ".."), "scripts", "dist", "dashboard", "index.js")) as typeof DashboardModule;
