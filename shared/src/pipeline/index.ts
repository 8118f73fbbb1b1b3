export * from "./analysis";
export * from "./delivery";
export * from "./produceMetrics";
export * from "./connectPipeline";
export * from "./interruptSignal";
export * from "./catalogView";
export * from "./newlineTrap";
export * from "./exerciseReport";
