// The first call as source code: the README shows it, the generated contract test makes it, and
// the release rehearsal's consumers compile it against the published types.
import type { CallPlan } from "./first-call.js";

/** The second argument of the call (`{ params, body, …extra }`), or undefined when it needs none. */
export function callInit(plan: CallPlan, extra: string[] = []): string | undefined {
  const parts = [
    ...(Object.keys(plan.params).length > 0 ? [`params: ${JSON.stringify(plan.params)}`] : []),
    ...(plan.body === undefined ? [] : [`body: ${JSON.stringify(plan.body)}`]),
    ...(plan.parseAs === undefined ? [] : [`parseAs: ${JSON.stringify(plan.parseAs)}`]),
    ...extra,
  ];
  return parts.length === 0 ? undefined : `{ ${parts.join(", ")} }`;
}

/** `client.GET("/things/{id}", { params: … })`, on the client in `client`. */
export function callSource(client: string, plan: CallPlan, extra: string[] = []): string {
  const init = callInit(plan, extra);
  return `${client}.${plan.method.toUpperCase()}(${JSON.stringify(plan.path)}${init === undefined ? "" : `, ${init}`})`;
}

/** "GET /things/{id}" */
export const operationLabel = (plan: Pick<CallPlan, "method" | "path">) =>
  `${plan.method.toUpperCase()} ${plan.path}`;
