import { AlreadyExistsException, CreateDatabaseCommand, type GlueClient } from "@aws-sdk/client-glue";
import type { EnsureResult } from "./EnsureResult";

/** Creates the Glue database unless it exists. */
export async function ensureDatabase(glue: GlueClient, name: string): Promise<EnsureResult> {
  try {
    await glue.send(new CreateDatabaseCommand({ DatabaseInput: { Name: name } }));
    return { created: true };
  } catch (error) {
    if (error instanceof AlreadyExistsException) {
      return { created: false };
    }
    throw error;
  }
}
