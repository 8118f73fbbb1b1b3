import type { ListWorkGroupsInput, ListWorkGroupsOutput } from "@aws-sdk/client-athena";
import { operation } from "../../../server/JsonService";
import { integer, structure } from "../../../server/shapes";
import { invalidRequest } from "../errors/athenaErrors";
import { nextToken } from "../athenaShapes";
import type { AthenaState } from "../state/AthenaState";
import { decodePageToken, encodePageToken } from "../pageTokens";

export const listWorkGroupsInput = structure({ NextToken: nextToken, MaxResults: integer({ min: 1, max: 50 }) });

export function listWorkGroups(state: AthenaState) {
  return operation<ListWorkGroupsInput, ListWorkGroupsOutput, typeof listWorkGroupsInput>({
    input: listWorkGroupsInput,
    handle: (input, context) => {
      const groups = state.workGroups.list();
      const start = input.NextToken === undefined ? 0 : decodePageToken(input.NextToken, ["ListWorkGroups"], context.now());
      if (start === undefined) {
        throw invalidRequest("Invalid NextToken");
      }
      const end = start + (input.MaxResults ?? 50);
      return {
        WorkGroups: groups.slice(start, end).map((group) => ({
          Name: group.name,
          State: "ENABLED",
          Description: group.description ?? "",
          CreationTime: new Date(group.createdMs),
          EngineVersion: { SelectedEngineVersion: "AUTO", EffectiveEngineVersion: "Athena engine version 3" },
        })),
        ...(end < groups.length ? { NextToken: encodePageToken(["ListWorkGroups"], end, context.now()) } : {}),
      };
    },
  });
}
