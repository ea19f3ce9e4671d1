// The small API the transport tests call: a thing to get, put and delete, and a list to post to.
export interface paths {
  "/things/{id}": {
    get: {
      parameters: { path: { id: string } };
      responses: { 200: { content: { "application/json": unknown } } };
    };
    put: {
      parameters: { path: { id: string } };
      requestBody: { content: { "application/json": { name: string } } };
      responses: { 204: { content?: never } };
    };
    delete: { parameters: { path: { id: string } }; responses: { 204: { content?: never } } };
  };
  "/things": {
    post: {
      requestBody: { content: { "application/json": { name: string } } };
      responses: { 201: { content?: never } };
    };
  };
}
