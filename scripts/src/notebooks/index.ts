export * from "./notebookJson";
export * from "./injectParameters";
export { parseAssignment, parseParameterValue } from "./parameterArguments";
export * from "./codeTokens";
export * from "./translationCatalog";
export * from "./translateNotebook";
export * from "./translateEdition";
export * from "./producerNotebooks";
