// Source: the AWS query protocol as IAM and STS document it: common parameters and errors
// (https://docs.aws.amazon.com/IAM/latest/APIReference/CommonParameters.html, .../CommonErrors.html) and the
// SDK's own serializers (@aws-sdk/client-iam se_/de_ functions), which are what a client sends and parses.
import { AwsError, internalFailure, storageUnavailable } from "../../protocol/AwsError";
import type { HttpRequest, HttpResponse } from "../../protocol/HttpExchange";
import type { RequestContext } from "../JsonService";
import { readBody, requestEntityTooLarge } from "../readBody";
import { callerOf } from "../requestCaller";
import type { RequestAuthenticator } from "../auth/RequestAuthenticator";
import { QueryParameters } from "./QueryParameters";
import { signedServiceName } from "./queryRouting";
import type { QueryService } from "./QueryService";
import { xmlContent } from "../../protocol/awsQuery/xmlDocument";
import { queryErrorResponse, xmlResponse } from "../../protocol/awsQuery/queryResponse";
import { awsRequestId } from "../../protocol/requestIds";

/** IAM takes policy documents up to 131,072 characters (a role's inline policies together); URL-encoding may triple them. */
const MAX_BODY_BYTES = 1024 * 1024;

/** The service whose signing name the signature's scope names, else the one that has the action. */
function pickService(services: readonly QueryService[], signedName: string | undefined, action: string): QueryService | undefined {
  return services.find((service) => service.signingName === signedName) ?? services.find((service) => Object.hasOwn(service.actions, action));
}

/**
 * A query-protocol request (IAM, STS), in a fixed order: body read (bounded) -> form parses -> service and action
 * known -> signature (when credentials are configured) -> the action, whose result goes in
 * `<ActionResponse><ActionResult>...</ActionResult><ResponseMetadata><RequestId>`.
 */
export async function handleQueryRequest(
  request: HttpRequest,
  services: readonly QueryService[],
  context: RequestContext,
  log: (error: unknown) => void,
  authenticator?: RequestAuthenticator,
): Promise<HttpResponse> {
  const requestId = awsRequestId();
  let service: QueryService | undefined;
  try {
    const body = await readBody(request.body, MAX_BODY_BYTES, () => requestEntityTooLarge(MAX_BODY_BYTES), request.headers["content-length"]);
    const parameters = QueryParameters.parse(body.toString("utf8"));
    const action = parameters.optional("Action");
    if (action === undefined) {
      throw new AwsError("MissingAction", "Missing Action", 400);
    }
    service = pickService(services, signedServiceName(request), action);
    if (service === undefined || !Object.hasOwn(service.actions, action)) {
      throw new AwsError("InvalidAction", `Could not find operation ${action} for version ${parameters.optional("Version") ?? "NO_VERSION_SPECIFIED"}`, 400);
    }
    authenticator?.query(request, service.signingName, body);
    const result = await service.actions[action]!({ parameters, caller: callerOf(request), context });
    const inner = result === undefined ? "" : `<${action}Result>${xmlContent(result)}</${action}Result>`;
    const document = `<${action}Response xmlns="${service.xmlNamespace}">${inner}<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`;
    return xmlResponse(200, document, requestId);
  } catch (error) {
    if (error instanceof AwsError) {
      return queryErrorResponse(error, service?.xmlNamespace, requestId);
    }
    const unavailable = storageUnavailable(error);
    if (unavailable !== undefined) {
      return queryErrorResponse(unavailable, service?.xmlNamespace, requestId);
    }
    log(error);
    return queryErrorResponse(internalFailure(), service?.xmlNamespace, requestId);
  }
}
