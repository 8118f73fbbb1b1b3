import { GetCrawlerCommand, GetTablesCommand, type GetTablesCommandOutput, type GlueClient, type Table } from "@aws-sdk/client-glue";
import type { CrawlerState, CrawlerTable, Section } from "./page/dashboardWire";
import { stateSection } from "./stateSection";

function describeTable(table: Table): CrawlerTable {
  return {
    name: table.Name ?? "?",
    columns: table.StorageDescriptor?.Columns?.length ?? 0,
    partitionKeys: table.PartitionKeys?.length ?? 0,
    ...(table.StorageDescriptor?.Location === undefined ? {} : { location: table.StorageDescriptor.Location }),
    ...(table.UpdateTime === undefined && table.CreateTime === undefined ? {} : { updated: (table.UpdateTime ?? table.CreateTime)!.toISOString() }),
  };
}

/** The tables of the database (none when it does not exist yet). */
async function tables(glue: GlueClient, database: string): Promise<CrawlerTable[]> {
  const found: CrawlerTable[] = [];
  let token: string | undefined;
  try {
    do {
      const page: GetTablesCommandOutput = await glue.send(new GetTablesCommand({ DatabaseName: database, ...(token === undefined ? {} : { NextToken: token }) }));
      found.push(...(page.TableList ?? []).map(describeTable));
      token = page.NextToken;
    } while (token !== undefined && found.length < 100);
  } catch (error) {
    if (error instanceof Error && error.name === "EntityNotFoundException") {
      return [];
    }
    throw error;
  }
  return found;
}

/** The crawler (GetCrawler) and the tables it made (GetTables). */
export function crawlerSection(glue: GlueClient, crawler: string, database: string): Promise<Section<CrawlerState>> {
  return stateSection(`crawler ${crawler} does not exist yet: it is created once Firehose has delivered`, async () => {
    const { Crawler: found } = await glue.send(new GetCrawlerCommand({ Name: crawler }));
    const last = found?.LastCrawl;
    return {
      crawler,
      state: found?.State ?? "UNKNOWN",
      ...(last === undefined
        ? {}
        : {
            lastCrawl: {
              status: last.Status ?? "UNKNOWN",
              ...(last.StartTime === undefined ? {} : { started: last.StartTime.toISOString() }),
              ...(last.ErrorMessage === undefined ? {} : { message: last.ErrorMessage }),
            },
          }),
      database,
      tables: await tables(glue, database),
    };
  });
}
