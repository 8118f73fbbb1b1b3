import ts from "typescript";

/**
 * A notebook code cell split with TypeScript's own scanner into what a translation may change (string literals,
 * template literals, comments) and what it may not (everything else).
 */

export type TokenKind = "code" | "string" | "comment" | "template-head" | "template-middle" | "template-tail";

export interface CodeToken {
  readonly kind: TokenKind;
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** A stretch of a cell a translation may replace: a string literal, a whole template literal, or a comment. */
export interface DisplayText {
  readonly kind: "string" | "template" | "comment";
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** The code token before it: `from` or `import` makes a string a module specifier. */
  readonly after: string | undefined;
}

/** After these a `/` starts a regular expression, not a division (the scanner cannot know: it has no parser). */
const EXPRESSION_ENDS = new Set([
  ts.SyntaxKind.Identifier,
  ts.SyntaxKind.NumericLiteral,
  ts.SyntaxKind.BigIntLiteral,
  ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.RegularExpressionLiteral,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.TemplateTail,
  ts.SyntaxKind.CloseParenToken,
  ts.SyntaxKind.CloseBracketToken,
  ts.SyntaxKind.CloseBraceToken,
  ts.SyntaxKind.PlusPlusToken,
  ts.SyntaxKind.MinusMinusToken,
  ts.SyntaxKind.ThisKeyword,
  ts.SyntaxKind.SuperKeyword,
  ts.SyntaxKind.TrueKeyword,
  ts.SyntaxKind.FalseKeyword,
  ts.SyntaxKind.NullKeyword,
]);

function kindOf(syntax: ts.SyntaxKind): TokenKind {
  switch (syntax) {
    case ts.SyntaxKind.StringLiteral:
    case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
      return "string";
    case ts.SyntaxKind.SingleLineCommentTrivia:
    case ts.SyntaxKind.MultiLineCommentTrivia:
      return "comment";
    case ts.SyntaxKind.TemplateHead:
      return "template-head";
    case ts.SyntaxKind.TemplateMiddle:
      return "template-middle";
    case ts.SyntaxKind.TemplateTail:
      return "template-tail";
    default:
      return "code";
  }
}

/** Every token of `source` but whitespace, in order. Throws on text the scanner reports as malformed. */
export function scanCode(source: string): CodeToken[] {
  const errors: string[] = [];
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, source, (message, length) => {
    errors.push(`${ts.flattenDiagnosticMessageText(message.message, "\n")} at ${scanner.getTokenEnd() - length}`);
  });
  // What each open `{` belongs to: a block or object, or a template literal's `${`.
  const braces: ("brace" | "template")[] = [];
  const tokens: CodeToken[] = [];
  let previous: ts.SyntaxKind | undefined;
  for (let syntax = scanner.scan(); syntax !== ts.SyntaxKind.EndOfFileToken; syntax = scanner.scan()) {
    if (syntax === ts.SyntaxKind.WhitespaceTrivia || syntax === ts.SyntaxKind.NewLineTrivia) {
      continue;
    }
    if ((syntax === ts.SyntaxKind.SlashToken || syntax === ts.SyntaxKind.SlashEqualsToken) && (previous === undefined || !EXPRESSION_ENDS.has(previous))) {
      syntax = scanner.reScanSlashToken();
    }
    if (syntax === ts.SyntaxKind.OpenBraceToken || syntax === ts.SyntaxKind.TemplateHead) {
      braces.push(syntax === ts.SyntaxKind.TemplateHead ? "template" : "brace");
    } else if (syntax === ts.SyntaxKind.CloseBraceToken) {
      if (braces.at(-1) === "template") {
        syntax = scanner.reScanTemplateToken(false);
        if (syntax === ts.SyntaxKind.TemplateTail) {
          braces.pop();
        }
      } else {
        braces.pop();
      }
    }
    const kind = kindOf(syntax);
    tokens.push({ kind, text: scanner.getTokenText(), start: scanner.getTokenStart(), end: scanner.getTokenEnd() });
    if (kind !== "comment") {
      previous = syntax;
    }
  }
  if (errors.length > 0) {
    throw new Error(`the TypeScript scanner could not read this code: ${errors.join("; ")}`);
  }
  return tokens;
}

/** The strings, outermost template literals and comments of `source`, in order. */
export function displayTexts(source: string): DisplayText[] {
  const texts: DisplayText[] = [];
  let templateStart: number | undefined;
  let depth = 0;
  let lastCode: string | undefined;
  for (const token of scanCode(source)) {
    if (token.kind === "template-head") {
      if (depth === 0) {
        templateStart = token.start;
      }
      depth += 1;
    } else if (token.kind === "template-tail") {
      depth -= 1;
      if (depth === 0) {
        texts.push({ kind: "template", text: source.slice(templateStart!, token.end), start: templateStart!, end: token.end, after: lastCode });
      }
    } else if (depth === 0 && (token.kind === "string" || token.kind === "comment")) {
      texts.push({ kind: token.kind, text: token.text, start: token.start, end: token.end, after: lastCode });
    }
    if (token.kind === "code" && depth === 0) {
      lastCode = token.text;
    }
  }
  return texts;
}

/**
 * The code with display text set aside: comments dropped, each string literal and each piece of template text
 * replaced by a placeholder, so two cells that differ only in what they say have the same shape. The expressions
 * inside a template literal stay: a translation may reword around them, not change or reorder them.
 */
export function codeShape(source: string): string[] {
  return scanCode(source).flatMap((token): string[] => {
    switch (token.kind) {
      case "comment":
        return [];
      case "string":
        return ['""'];
      case "template-head":
        return ["`${"];
      case "template-middle":
        return ["}${"];
      case "template-tail":
        return ["}`"];
      case "code":
        return [token.text];
    }
  });
}
