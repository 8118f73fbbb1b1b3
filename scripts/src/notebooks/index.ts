export * from "./notebookJson";
export * from "./injectParameters";
export { parseAssignment, parseParameterValue } from "./parameterArguments";
