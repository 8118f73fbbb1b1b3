import type { ATNState, Parser, ParserRuleContext, RuleContext, Transition } from "antlr4ng" with { "resolution-mode": "require" };

/**
 * What a parser expected where it failed, worded as Trino words it: `mismatched input 'selec'. Expecting:
 * 'ALTER', 'ANALYZE', ..., <query>`. The same analysis Trino's parser runs (io.trino.sql.parser.ErrorHandler,
 * trinodb/trino core/trino-parser): walk the grammar's ATN from the failing state over the real tokens, keep
 * the path that consumes the most input, and at that point collect the tokens each path could take, naming a
 * "special" rule (`<expression>`, `<identifier>`, ...) instead of its first tokens when a path would enter it.
 */
export interface ExpectedTokensOptions {
  /** Rule index -> the name reported instead of the rule's tokens. */
  readonly specialRules: ReadonlyMap<number, string>;
  /** Token type -> the name reported instead of the token's display name. */
  readonly specialTokens: ReadonlyMap<number, string>;
  /** Rules whose paths are not followed (parts of the grammar the dialect does not have). */
  readonly ignoredRules?: ReadonlySet<number>;
}

export interface ExpectedTokens {
  /** Index of the token the longest path stopped at. */
  readonly tokenIndex: number;
  /** Sorted as Java sorts strings (by UTF-16 code unit), joined by `, `. */
  readonly expected: string;
}

// The ATN's state and transition kinds, as numbered by ANTLR's serialization (antlr4ng ATNStateType, TransitionType).
const RULE_START = 2;
const RULE_STOP = 7;
const TRANSITION_RULE = 3;
const TRANSITION_PREDICATE = 4;
const TRANSITION_NOT_SET = 8;
const TRANSITION_WILDCARD = 9;
const TRANSITION_PRECEDENCE = 10;
const EOF = -1;
const HIDDEN_CHANNEL = 1;
const MIN_USER_TOKEN_TYPE = 1;

interface Walk {
  readonly state: ATNState;
  readonly tokenIndex: number;
  /** Inside a special rule already reported: its tokens are not listed one by one. */
  readonly suppressed: boolean;
}

interface RuleTransitionShape extends Transition {
  readonly followState: ATNState;
  readonly precedence: number;
}

interface PredicateTransitionShape extends Transition {
  readonly ruleIndex: number;
  readonly predIndex: number;
}

interface PrecedenceTransitionShape extends Transition {
  readonly precedence: number;
}

class ExpectationWalker {
  private furthest = -1;
  private readonly candidates = new Set<string>();
  private readonly memo = new Map<string, ReadonlySet<number>>();

  constructor(
    private readonly parser: Parser,
    private readonly options: ExpectedTokensOptions,
  ) {}

  private tokenType(index: number): { index: number; type: number } {
    const stream = this.parser.tokenStream;
    let at = index;
    while (stream.get(at).channel === HIDDEN_CHANNEL) at++;
    return { index: at, type: stream.get(at).type };
  }

  record(tokenIndex: number, labels: Iterable<string>): void {
    if (tokenIndex < this.furthest) return;
    if (tokenIndex > this.furthest) {
      this.candidates.clear();
      this.furthest = tokenIndex;
    }
    for (const label of labels) this.candidates.add(label);
  }

  private tokenNames(transition: Transition): string[] {
    let labels = transition.label;
    if (labels === null) return [];
    if (transition.serializationType === TRANSITION_NOT_SET) {
      labels = labels.complement(MIN_USER_TOKEN_TYPE, this.parser.atn.maxTokenType);
    }
    return labels.toArray().map((type) => (type === EOF ? "<EOF>" : (this.options.specialTokens.get(type) ?? this.parser.vocabulary.getDisplayName(type) ?? String(type))));
  }

  /** The token indexes at which the rule entered at `start` can end, recording what is expected where paths stop. */
  walk(start: Walk, precedence: number): ReadonlySet<number> {
    const key = `${start.state.stateNumber}:${start.tokenIndex}`;
    const known = this.memo.get(key);
    if (known !== undefined) return known;
    const ends = new Set<number>();
    const pending: Walk[] = [start];
    const lastIndex = (this.parser.tokenStream as unknown as { size: number }).size - 1;
    while (pending.length > 0) {
      const current = pending.pop()!;
      const { state } = current;
      let { suppressed } = current;
      const { index: tokenIndex, type: tokenType } = this.tokenType(current.tokenIndex);
      if (state.stateType === RULE_START) {
        const special = this.options.specialRules.get(state.ruleIndex);
        if (special !== undefined) {
          if (!suppressed) this.record(tokenIndex, [special]);
          suppressed = true;
        } else if (this.options.ignoredRules?.has(state.ruleIndex) === true) {
          continue;
        }
      }
      if (state.stateType === RULE_STOP) {
        ends.add(tokenIndex);
        continue;
      }
      for (const transition of state.transitions) {
        if (transition.serializationType === TRANSITION_RULE) {
          const rule = transition as RuleTransitionShape;
          for (const end of this.walk({ state: rule.target, tokenIndex, suppressed }, rule.precedence)) {
            // Trino compares the end index with the current token's type here; kept, so the lists match its own.
            pending.push({ state: rule.followState, tokenIndex: end, suppressed: suppressed && end === tokenType });
          }
        } else if (transition.serializationType === TRANSITION_PRECEDENCE) {
          if (precedence < (transition as PrecedenceTransitionShape).precedence) {
            pending.push({ state: transition.target, tokenIndex, suppressed });
          }
        } else if (transition.serializationType === TRANSITION_PREDICATE) {
          // The grammar's own predicates (dt-sql-parser's completion helpers) decide, as they did while parsing.
          const predicate = transition as PredicateTransitionShape;
          if (this.parser.sempred(null, predicate.ruleIndex, predicate.predIndex)) pending.push({ state: transition.target, tokenIndex, suppressed });
        } else if (transition.isEpsilon) {
          pending.push({ state: transition.target, tokenIndex, suppressed });
        } else if (transition.serializationType === TRANSITION_WILDCARD) {
          // Neither grammar has a wildcard in a parser rule.
          continue;
        } else {
          let labels = transition.label;
          if (labels !== null && transition.serializationType === TRANSITION_NOT_SET) {
            labels = labels.complement(MIN_USER_TOKEN_TYPE, this.parser.atn.maxTokenType);
          }
          if (labels !== null && labels.contains(tokenType) && tokenIndex < lastIndex) {
            pending.push({ state: transition.target, tokenIndex: tokenIndex + 1, suppressed: false });
          } else if (!suppressed) {
            this.record(tokenIndex, this.tokenNames(transition));
          }
        }
      }
    }
    this.memo.set(key, ends);
    return ends;
  }

  result(): ExpectedTokens {
    return { tokenIndex: this.furthest, expected: [...this.candidates].sort(javaCompare).join(", ") };
  }
}

/** Java's String.compareTo: UTF-16 code units, which is also JavaScript's default sort. */
function javaCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function reachableByEpsilon(target: ATNState, from: ATNState): boolean {
  const pending = [from];
  const seen = new Set<number>();
  while (pending.length > 0) {
    const state = pending.pop()!;
    if (state.stateNumber === target.stateNumber) return true;
    if (seen.has(state.stateNumber)) continue;
    seen.add(state.stateNumber);
    for (const transition of state.transitions) {
      if (transition.isEpsilon) pending.push(transition.target);
    }
  }
  return false;
}

/**
 * The tokens expected where `parser` failed: in `state` of the rule `context`, at token `tokenIndex`. After a
 * path ends its rule the walk continues in the rules that invoked it, up to the start rule; `atEnd` names what
 * may follow the start rule (`<EOF>` for a whole statement).
 */
export function expectedTokens(parser: Parser, state: ATNState, tokenIndex: number, context: RuleContext | null, options: ExpectedTokensOptions, atEnd?: string): ExpectedTokens {
  const walker = new ExpectationWalker(parser, options);
  const atn = parser.atn;
  const ruleStart = atn.ruleToStartState[state.ruleIndex]!;
  // Dropped inside a rule where its start is still equivalent: start at the rule, so a special rule is named.
  const from = reachableByEpsilon(state, ruleStart) ? ruleStart : state;
  let ends = walker.walk({ state: from, tokenIndex, suppressed: false }, 0);
  let current = context;
  while (ends.size > 0 && current !== null && current.invokingState !== -1) {
    const invoking = atn.states[current.invokingState]!;
    const follow = (invoking.transitions[0] as RuleTransitionShape).followState;
    const next = new Set<number>();
    for (const end of ends) {
      for (const after of walker.walk({ state: follow, tokenIndex: end, suppressed: false }, 0)) next.add(after);
    }
    ends = next;
    current = current.parent;
  }
  if (atEnd !== undefined) {
    for (const end of ends) walker.record(end, [atEnd]);
  }
  return walker.result();
}

/** The state, token and context a syntax error was raised at, as Trino's handler picks them. */
export function failurePoint(parser: Parser, error: { offendingState?: number; offendingToken?: { tokenIndex: number } | null; startToken?: { tokenIndex: number } | null; ctx?: RuleContext | null } | null): {
  state: ATNState;
  tokenIndex: number;
  context: RuleContext | null;
} {
  const atn = parser.atn;
  if (error !== null && error.offendingState !== undefined && error.offendingState >= 0) {
    const token = error.startToken ?? error.offendingToken;
    return { state: atn.states[error.offendingState]!, tokenIndex: token?.tokenIndex ?? parser.getCurrentToken().tokenIndex, context: error.ctx ?? (parser.context as ParserRuleContext | null) };
  }
  return { state: atn.states[parser.state]!, tokenIndex: parser.getCurrentToken().tokenIndex, context: parser.context };
}
