export * from "./notebookJson";
export * from "./injectParameters";
export { parseAssignment, parseParameterValue } from "./parameterArguments";
export * from "./producerNotebooks";
