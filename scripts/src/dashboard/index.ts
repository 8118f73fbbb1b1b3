export { DEFAULT_DASHBOARD_PORT, startDashboard, type DashboardOptions, type RunningDashboard } from "./startDashboard";
export { openDashboard, type OpenDashboard, type OpenDashboardOptions } from "./openDashboard";
export { guardReadOnly, READ_ONLY_OPERATION } from "./guardReadOnly";
export { countCsvRecords } from "./countCsvRecords";
export type * from "./page/dashboardWire";
