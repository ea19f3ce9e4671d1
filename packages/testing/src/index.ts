export { freePort } from "./free-port.js";
export { repoRoot, startPrism, type MockServer } from "./prism.js";
export {
  jsonResponse,
  recordingFetch,
  type RecordedRequest,
  type RecordingFetch,
  type Responder,
} from "./recording-fetch.js";
export { declaredStatuses } from "./spec.js";
export {
  answer,
  startScriptedServer,
  type Hit,
  type ScriptedServer,
  type Step,
} from "./scripted-server.js";
