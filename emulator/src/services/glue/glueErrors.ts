import { AwsError } from "../../protocol/AwsError";

/** Glue's errors, worded as Glue words them. */
export function databaseNotFound(name: string): AwsError {
  return new AwsError("EntityNotFoundException", `Database ${name} not found.`);
}

export function tableNotFound(name: string): AwsError {
  return new AwsError("EntityNotFoundException", `Table ${name} not found.`);
}

export function crawlerNotFound(name: string): AwsError {
  return new AwsError("EntityNotFoundException", `Crawler entry with name ${name} does not exist`);
}

export function alreadyExists(what: "Database" | "Table" | "Partition"): AwsError {
  return new AwsError("AlreadyExistsException", `${what} already exists.`);
}

export function crawlerAlreadyExists(name: string): AwsError {
  return new AwsError("AlreadyExistsException", `${name} already exists`);
}

export function invalidInput(message: string): AwsError {
  return new AwsError("InvalidInputException", message);
}

export function crawlerRunning(name: string): AwsError {
  return new AwsError("CrawlerRunningException", `Crawler with name ${name} has already started`);
}

export function crawlerNotRunning(name: string): AwsError {
  return new AwsError("CrawlerNotRunningException", `Crawler with name ${name} isn't running`);
}

export function crawlerStopping(name: string): AwsError {
  return new AwsError("CrawlerStoppingException", `Crawler with name ${name} is stopping`);
}
