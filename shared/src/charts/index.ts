export * from "./denormalizedCsv";
export * from "./widePerSample";
export * from "./correlationMatrix";
export * from "./plotlyFigures";
export * from "./htmlReport";
export * from "./wideTableHtml";
export * from "./notebookDisplay";
