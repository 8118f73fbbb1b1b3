import type { ANTLRErrorListener, ParserRuleContext, RecognitionException, Token } from "antlr4ng" with { "resolution-mode": "require" };
import type * as H from "dt-sql-parser/dist/lib/hive/HiveSqlParser";
import { antlrRuntime, hiveGrammar, type HiveGrammar } from "../../../sqlGrammars";
import { ATHENA_DDL_RESERVED_WORDS } from "./hiveReservedWords";
import type { HiveColumn, HiveName, HiveStatement, PartitionSpec, RowFormat, StoredAs } from "./hiveAst";

/** A DDL statement Hive's grammar refuses: `FAILED: ParseException line L:C <message>`, as Athena's DDL engine says it. */
export class HiveParseError extends Error {
  constructor(
    readonly detail: string,
    readonly line: number,
    /** 0-based, as Hive counts. */
    readonly column: number,
    readonly offendingText: string,
    readonly offendingIsDoubleQuoted: boolean,
    readonly offendingToken?: Token,
  ) {
    super(`FAILED: ParseException line ${line}:${column} ${detail}`);
  }
}

/** Hive's string literal: '...' or "...", with backslash escapes (`\t`, `\n`, `\001`, `\u0001`). */
export function unescapeHiveString(text: string): string {
  const body = text.slice(1, -1);
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const character = body[i]!;
    if (character !== "\\" || i === body.length - 1) {
      out += character;
      continue;
    }
    const next = body[i + 1]!;
    if (/[0-7]/.test(next) && /^[0-7]{3}$/.test(body.slice(i + 1, i + 4))) {
      out += String.fromCharCode(parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
      continue;
    }
    if (next === "u" && /^[0-9a-fA-F]{4}$/.test(body.slice(i + 2, i + 6))) {
      out += String.fromCharCode(parseInt(body.slice(i + 2, i + 6), 16));
      i += 5;
      continue;
    }
    const escapes: Record<string, string> = { n: "\n", t: "\t", r: "\r", b: "\b", "0": "\0", Z: "\u001a", "\\": "\\", "'": "'", '"': '"', "%": "\\%", _: "\\_" };
    out += escapes[next] ?? next;
    i++;
  }
  return out;
}

class HiveAstBuilder {
  constructor(
    private readonly g: HiveGrammar,
    private readonly sql: string,
  ) {}

  private text(context: ParserRuleContext): string {
    return this.sql.slice(context.start?.start ?? 0, (context.stop?.stop ?? -1) + 1);
  }

  private id(context: H.Id_Context): string {
    const text = context.getText();
    return (text.startsWith("`") ? text.slice(1, -1).replace(/``/g, "`") : text).toLowerCase();
  }

  private string(token: Token | null | undefined): string {
    return unescapeHiveString(token?.text ?? "''");
  }

  private tableName(context: H.TableNameContext | H.TableNameCreateContext | H.ViewNameContext): HiveName {
    const parts = context.id_().map((part) => this.id(part));
    return parts.length === 1 ? { name: parts[0]! } : { database: parts[0]!, name: parts[1]! };
  }

  private tableOrView(context: H.TableOrViewContext): HiveName {
    return this.tableName((context.tableName() ?? context.viewName())!);
  }

  private properties(context: H.TablePropertiesContext | H.KeyValuePropertiesContext | null | undefined): Record<string, string> {
    const properties: Record<string, string> = {};
    if (context === null || context === undefined) return properties;
    const list = context instanceof this.g.TablePropertiesContext ? context.tablePropertiesList().keyValuePropertyList() : (context as H.KeyValuePropertiesContext).keyValuePropertyList();
    for (const property of list?.keyValueProperty() ?? []) {
      properties[this.string(property._key)] = this.string(property._value);
    }
    return properties;
  }

  private column(context: H.ColumnNameTypeConstraintContext | H.ColumnNameTypeContext): HiveColumn {
    const comment = context._comment;
    return {
      name: this.id(context.columnNameCreate().id_()),
      type: this.text(context.columnType()).replace(/\s+/g, "").toLowerCase(),
      ...(comment === undefined || comment === null ? {} : { comment: this.string(comment) }),
    };
  }

  private partitionSpec(context: H.PartitionSpecContext): PartitionSpec {
    return context.partitionVal().map((value) => {
      const constant = value.constant();
      const text = constant === null ? "" : constant.StringLiteral().length > 0 ? constant.StringLiteral().map((token) => unescapeHiveString(token.getText())).join("") : constant.getText();
      return [this.id(value.id_()), text] as const;
    });
  }

  private selectorSpec(context: H.PartitionSelectorSpecContext): PartitionSpec {
    return context.partitionSelectorVal().map((value) => {
      const constant = value.constant();
      const text = constant.StringLiteral().length > 0 ? constant.StringLiteral().map((token) => unescapeHiveString(token.getText())).join("") : constant.getText();
      return [this.id(value.id_()), text] as const;
    });
  }

  private rowFormat(context: H.TableRowFormatContext): RowFormat {
    const serde = context.rowFormatSerde();
    if (serde !== null) return { kind: "serde", serde: this.string(serde._name), properties: this.properties(serde.tableProperties()) };
    const delimited = context.rowFormatDelimited()!;
    const field = delimited.tableRowFormatFieldIdentifier();
    const collection = delimited.tableRowFormatCollItemsIdentifier();
    const mapKeys = delimited.tableRowFormatMapKeysIdentifier();
    const lines = delimited.tableRowFormatLinesIdentifier();
    const nulls = delimited.tableRowNullFormat();
    return {
      kind: "delimited",
      ...(field === null ? {} : { fields: this.string(field._fldIdnt) }),
      ...(field?._fldEscape === undefined || field._fldEscape === null ? {} : { escapedBy: this.string(field._fldEscape) }),
      ...(collection === null ? {} : { collectionItems: this.string(collection._collIdnt) }),
      ...(mapKeys === null ? {} : { mapKeys: this.string(mapKeys._mapKeysIdnt) }),
      ...(lines === null ? {} : { lines: this.string(lines._linesIdnt) }),
      ...(nulls === null ? {} : { nullDefinedAs: this.string(nulls._nullIdnt) }),
    };
  }

  private storedAs(context: H.TableFileFormatContext): StoredAs | undefined {
    if (context._inFmt !== undefined && context._inFmt !== null) return { kind: "inputOutput", inputFormat: this.string(context._inFmt), outputFormat: this.string(context._outFmt) };
    if (context._genericSpec !== undefined) return { kind: "format", format: context._genericSpec.getText().toUpperCase() };
    return undefined;
  }

  statement(context: H.DdlStatementContext): HiveStatement {
    const create = context.createTableStatement();
    if (create !== null) return this.createTable(create);
    const drop = context.dropTableStatement();
    if (drop !== null) return { kind: "dropTable", ifExists: drop.ifExists() !== null, table: this.tableName(drop.tableName()) };
    const createDatabase = context.createDatabaseStatement();
    if (createDatabase !== null) {
      const comment = createDatabase.databaseComment();
      const location = createDatabase.locationPath();
      return {
        kind: "createDatabase",
        ifNotExists: createDatabase.ifNotExists() !== null,
        database: this.id(createDatabase.dbSchemaNameCreate().id_()),
        ...(comment === null ? {} : { comment: this.string(comment._comment) }),
        ...(location === null ? {} : { location: this.string(location._locn) }),
        properties: this.properties(createDatabase.keyValueProperties()),
      };
    }
    const dropDatabase = context.dropDatabaseStatement();
    if (dropDatabase !== null) {
      return { kind: "dropDatabase", ifExists: dropDatabase.ifExists() !== null, database: this.id(dropDatabase.dbSchemaName().id_()), cascade: dropDatabase.restrictOrCascade()?.getText().toUpperCase() === "CASCADE" };
    }
    const alter = context.alterStatement();
    if (alter !== null) return this.alter(alter);
    const msck = context.metastoreCheck();
    if (msck !== null) {
      if (msck._repair === undefined || msck._repair === null || msck.tableName() === null || msck._opt !== undefined) return { kind: "unsupportedDdl", description: this.text(msck) };
      return { kind: "msckRepair", table: this.tableName(msck.tableName()!) };
    }
    const show = context.showStatement();
    if (show !== null) return this.show(show);
    const describe = context.descStatement();
    if (describe !== null) {
      const target = describe.tabPartColTypeExpr();
      if (target === null || target.partitionSpec() !== null) return { kind: "unsupportedDdl", description: this.text(describe) };
      const mode = describe._descOptions?.text?.toUpperCase();
      const column = target.extColumnName();
      return {
        kind: "describe",
        table: this.tableOrView(target.tableOrView()),
        ...(mode === "FORMATTED" || mode === "EXTENDED" ? { mode } : {}),
        ...(column === null ? {} : { column: column.getText().replace(/`/g, "").toLowerCase() }),
      };
    }
    return { kind: "unsupportedDdl", description: this.text(context) };
  }

  private createTable(context: H.CreateTableStatementContext): HiveStatement {
    if (context.likeTableOrFile() !== null || context.selectStatementWithCTE() !== null || context.KW_TEMPORARY() !== null || context.KW_TRANSACTIONAL() !== null) {
      return { kind: "unsupportedDdl", description: this.text(context) };
    }
    const columns = (context.columnNameTypeOrConstraintList()?.columnNameTypeOrConstraint() ?? []).map((item) => {
      const column = item.columnNameTypeConstraint();
      return column === null ? undefined : this.column(column);
    });
    if (columns.some((column) => column === undefined)) return { kind: "unsupportedDdl", description: "table constraints" };
    const partition = context.createTablePartitionSpec();
    const partitionedBy = partition?.createTablePartitionColumnTypeSpec()?.columnNameTypeConstraint().map((column) => this.column(column)) ?? [];
    if (partition !== null && partition.createTablePartitionColumnTypeSpec() === null) return { kind: "unsupportedDdl", description: "PARTITIONED BY without column types" };
    const buckets = context.tableBuckets();
    const rowFormat = context.tableRowFormat();
    const fileFormat = context.tableFileFormat();
    const storedAs = fileFormat === null ? undefined : this.storedAs(fileFormat);
    const location = context.locationPath();
    const comment = context.tableComment();
    return {
      kind: "createTable",
      external: context.KW_EXTERNAL() !== null,
      ifNotExists: context.ifNotExists() !== null,
      table: this.tableName(context.tableNameCreate()),
      columns: columns as HiveColumn[],
      ...(comment === null ? {} : { comment: this.string(comment._comment) }),
      partitionedBy,
      ...(buckets === null ? {} : { bucketedBy: { columns: buckets.columnNameList().getText().split(",").map((name) => name.replace(/`/g, "").toLowerCase()), count: Number(buckets.Number().getText()) } }),
      ...(rowFormat === null ? {} : { rowFormat: this.rowFormat(rowFormat) }),
      ...(storedAs === undefined ? {} : { storedAs }),
      ...(location === null ? {} : { location: this.string(location._locn) }),
      properties: this.properties(context.tablePropertiesPrefixed()?.tableProperties()),
    };
  }

  private alter(context: H.AlterStatementContext): HiveStatement {
    const tableContext = context.tableName();
    const suffix = context.alterTableStatementSuffix();
    if (tableContext === null || suffix === null) return { kind: "unsupportedDdl", description: this.text(context) };
    const table = this.tableName(tableContext);
    const drop = suffix.alterStatementSuffixDropPartitions();
    if (drop !== null) return { kind: "dropPartitions", table, ifExists: drop.ifExists() !== null, partitions: drop.partitionSelectorSpec().map((spec) => this.selectorSpec(spec)) };
    if (suffix.KW_ADD() !== null && suffix.partitionSpec().length > 0) {
      // ADD [IF NOT EXISTS] PARTITION (...) [LOCATION '...'] PARTITION (...) ...: each LOCATION follows its partition.
      const partitions: { spec: PartitionSpec; location?: string }[] = [];
      for (const child of suffix.children ?? []) {
        if (child instanceof this.g.PartitionSpecContext) partitions.push({ spec: this.partitionSpec(child) });
        else if (child instanceof this.g.LocationPathContext) partitions[partitions.length - 1] = { ...partitions[partitions.length - 1]!, location: this.string(child._locn) };
      }
      return { kind: "addPartitions", table, ifNotExists: suffix.ifNotExists() !== null, partitions };
    }
    if (suffix.KW_SET() !== null && suffix.KW_TBLPROPERTIES() !== null) return { kind: "setTableProperties", table, properties: this.properties(suffix.tableProperties()) };
    const partitionSuffix = suffix.alterTblPartitionStatementSuffix();
    if (partitionSuffix !== null) {
      const partition = suffix.partitionSpec(0);
      if (partitionSuffix._newLoc !== undefined && partitionSuffix._newLoc !== null) {
        return { kind: "setLocation", table, ...(partition === null ? {} : { partition: this.partitionSpec(partition) }), location: this.string(partitionSuffix._newLoc) };
      }
      const list = partitionSuffix.columnNameTypeList();
      if (list !== null && partition === null) return { kind: "addColumns", table, replace: partitionSuffix._replace !== undefined && partitionSuffix._replace !== null, columns: list.columnNameType().map((column) => this.column(column)) };
      if (partitionSuffix.KW_CHANGE() !== null && partition === null) {
        const comment = partitionSuffix._comment;
        return {
          kind: "changeColumn",
          table,
          from: partitionSuffix._oldName!.getText().replace(/`/g, "").toLowerCase(),
          column: { name: this.id(partitionSuffix._newName!.id_()), type: this.text(partitionSuffix.columnType()!).replace(/\s+/g, "").toLowerCase(), ...(comment === undefined || comment === null ? {} : { comment: this.string(comment) }) },
        };
      }
      if (partitionSuffix.KW_RENAME() !== null && partition !== null && partitionSuffix.partitionSpec() !== null) {
        return { kind: "renamePartition", table, from: this.partitionSpec(partition), to: this.partitionSpec(partitionSuffix.partitionSpec()!) };
      }
    }
    return { kind: "unsupportedDdl", description: this.text(context) };
  }

  private show(context: H.ShowStatementContext): HiveStatement {
    const pattern = (identifier: H.ShowStmtIdentifierContext | null | undefined): string | undefined => {
      if (identifier === null || identifier === undefined) return undefined;
      const literal = identifier.StringLiteral();
      return literal === null ? identifier.getText() : unescapeHiveString(literal.getText());
    };
    const database = context._db_name === undefined ? undefined : this.id(context._db_name.id_());
    if (context.KW_DATABASES() !== null || context.KW_SCHEMAS() !== null) {
      const value = pattern(context.showStmtIdentifier());
      return { kind: "showDatabases", ...(value === undefined ? {} : { pattern: value }) };
    }
    if (context.KW_TABLES() !== null && context.KW_EXTENDED() === null) {
      const filter = context._filter;
      const value = filter === undefined ? undefined : filter.showStmtIdentifier() !== null ? pattern(filter.showStmtIdentifier()) : undefined;
      return { kind: "showTables", ...(database === undefined ? {} : { database }), ...(value === undefined ? {} : { pattern: value }) };
    }
    if (context.KW_VIEWS() !== null && context.KW_MATERIALIZED() === null) {
      const value = pattern(context.showStmtIdentifier());
      return { kind: "showViews", ...(database === undefined ? {} : { database }), ...(value === undefined ? {} : { pattern: value }) };
    }
    if (context.KW_COLUMNS() !== null && context.tableOrView() !== null) {
      const table = this.tableOrView(context.tableOrView()!);
      return { kind: "showColumns", table: database === undefined ? table : { database, name: table.name } };
    }
    if (context.KW_PARTITIONS() !== null && context._tabOrViewName !== undefined && context.partitionSpec() === null) return { kind: "showPartitions", table: this.tableOrView(context._tabOrViewName) };
    if (context.KW_CREATE() !== null && context._tabName !== undefined) return { kind: "showCreateTable", table: this.tableName(context._tabName) };
    if (context.KW_TBLPROPERTIES() !== null && context.tableName() !== null) {
      const property = context._prptyName;
      return { kind: "showTableProperties", table: this.tableName(context.tableName()!), ...(property === undefined || property === null ? {} : { property: this.string(property) }) };
    }
    return { kind: "unsupportedDdl", description: this.text(context) };
  }
}

class ThrowingListener implements ANTLRErrorListener {
  constructor(private readonly stringType: number) {}

  syntaxError(_recognizer: unknown, offendingSymbol: unknown, line: number, column: number, message: string, _error: RecognitionException | null): void {
    const token = offendingSymbol as Token | null;
    const text = token?.text ?? "";
    throw new HiveParseError(message, line, column, text, token?.type === this.stringType && text.startsWith('"'), token ?? undefined);
  }
  reportAmbiguity(): void {}
  reportAttemptingFullContext(): void {}
  reportContextSensitivity(): void {}
}

/** A keyword of Hive 4's grammar that Athena's DDL does not reserve: it may stand as an identifier. */
function unreservedInAthena(g: HiveGrammar, token: Token | undefined): token is Token & { type: number } {
  if (token === undefined) return false;
  const name = g.HiveSqlParser.symbolicNames[token.type] ?? "";
  return name.startsWith("KW_") && !ATHENA_DDL_RESERVED_WORDS.has((token.text ?? "").toUpperCase());
}

/**
 * A DDL statement parsed with Hive's grammar (dt-sql-parser's HiveSqlParser.g4), or HiveParseError. Where the parse
 * stops on a keyword Athena does not reserve (a database named `ddl`), that token is read again as an identifier.
 */
export function parseHiveStatement(sql: string): HiveStatement {
  const g = hiveGrammar();
  const antlr = antlrRuntime();
  const lexer = new g.HiveSqlLexer(antlr.CharStreams.fromString(sql));
  lexer.removeErrorListeners();
  const tokens = new antlr.CommonTokenStream(lexer);
  const parser = new g.HiveSqlParser(tokens);
  parser.removeErrorListeners();
  parser.addErrorListener(new ThrowingListener(g.HiveSqlParser.StringLiteral));
  let firstError: HiveParseError | undefined;
  for (let attempt = 0; ; attempt++) {
    try {
      const program = parser.program();
      const statements = program.statement();
      const ddl = statements.length === 1 ? statements[0]!.execStatement()?.ddlStatement() : null;
      if (ddl === null || ddl === undefined) return { kind: "unsupportedDdl", description: sql.trim().split(/\s+/).slice(0, 3).join(" ") };
      return new HiveAstBuilder(g, sql).statement(ddl);
    } catch (error) {
      if (!(error instanceof HiveParseError)) throw error;
      firstError ??= error;
      if (attempt >= 16 || !unreservedInAthena(g, error.offendingToken)) throw firstError;
      (error.offendingToken as { type: number }).type = g.HiveSqlParser.Identifier;
      tokens.seek(0);
      parser.reset();
    }
  }
}
