import { invalidArgument } from "./kinesisErrors";

/**
 * AWS's allowed characters in tag keys and values: Unicode letters, digits, white space, _ . / = + - % @ — where
 * "white space" is a space separator, not a tab or a newline (kinesalite test/addTagsToStream.js "tab in tag key",
 * "newline in tag value", run against Kinesis).
 */
const INVALID = /[^\p{L}\p{N}\p{Zs}_./=+\-%@]/u;

/**
 * `%` passes that check and is refused by a second one with its own wording, naming the operation and stream
 * (kinesalite test/addTagsToStream.js and test/removeTagsFromStream.js "% in tag key").
 */
const PERCENT = "%";

export function checkTagCharacters(texts: Iterable<string>, failedTo: string, streamName: string, accountId: string): void {
  const all = [...texts];
  if (all.some((text) => INVALID.test(text))) {
    throw invalidArgument("Some tags contain invalid characters. Valid characters: Unicode letters, digits, white space, _ . / = + - % @.");
  }
  if (all.some((text) => text.includes(PERCENT))) {
    throw invalidArgument(
      `Failed to ${failedTo} stream ${streamName} under account ${accountId} because some tags contained illegal characters. ` +
        "The allowed characters are Unicode letters, white-spaces, '_',',','/','=','+','-','@'.",
    );
  }
}
