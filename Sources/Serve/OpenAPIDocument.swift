/// The OpenAPI document `/api/openapi.json` serves; docs/openapi.json holds the same text (a test
/// compares them: edit docs/openapi.json, then copy it here).
enum OpenAPIDocument {
    static let json = #"""
        {
          "openapi": "3.1.0",
          "info": {
            "title": "yardstick serve",
            "version": "1",
            "description": "The read-only API of `yardstick serve`: the pipelines in a Yardstick store, each pipeline's scorecard in the documented scorecard schema (docs/scorecard-schema.md), the runs, and a goal-by-actual export. With a non-loopback --host every request needs `Authorization: Bearer <token>` (the first line of --token-file)."
          },
          "servers": [{ "url": "http://127.0.0.1:8080" }],
          "security": [{}, { "bearer": [] }],
          "paths": {
            "/api/pipelines": {
              "get": {
                "operationId": "listPipelines",
                "summary": "Every pipeline in the store with its latest run and goal counts by status.",
                "responses": {
                  "200": { "description": "The pipelines, sorted by id.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/PipelineList" } } } },
                  "401": { "$ref": "#/components/responses/Unauthorized" }
                }
              }
            },
            "/api/pipelines/{id}/scorecard": {
              "get": {
                "operationId": "getScorecard",
                "summary": "The scorecard of the pipeline's latest checked run, schema yardstick.scorecard/1 (docs/scorecard-schema.md): the same document `yardstick run --format json` prints.",
                "parameters": [{ "name": "id", "in": "path", "required": true, "schema": { "type": "string", "pattern": "^[A-Za-z0-9_~-]+$" }, "description": "The pipeline id." }],
                "responses": {
                  "200": { "description": "The scorecard.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Scorecard" } } } },
                  "401": { "$ref": "#/components/responses/Unauthorized" },
                  "404": { "$ref": "#/components/responses/NotFound" }
                }
              }
            },
            "/api/runs": {
              "get": {
                "operationId": "listRuns",
                "summary": "The latest runs, newest first.",
                "parameters": [
                  { "name": "pipeline", "in": "query", "required": false, "schema": { "type": "string" }, "description": "Only this pipeline's runs." },
                  { "name": "limit", "in": "query", "required": false, "schema": { "type": "integer", "minimum": 1, "maximum": 1000, "default": 50 } }
                ],
                "responses": {
                  "200": { "description": "The runs.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/RunList" } } } },
                  "401": { "$ref": "#/components/responses/Unauthorized" },
                  "404": { "$ref": "#/components/responses/NotFound" }
                }
              }
            },
            "/api/export": {
              "get": {
                "operationId": "exportRows",
                "summary": "One row per goal of each pipeline's latest checked run: the goal, its target and the actual it was checked against (a goal x actual panel).",
                "parameters": [{ "name": "pipeline", "in": "query", "required": false, "schema": { "type": "string" }, "description": "Only this pipeline's rows." }],
                "responses": {
                  "200": { "description": "The rows.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Export" } } } },
                  "401": { "$ref": "#/components/responses/Unauthorized" },
                  "404": { "$ref": "#/components/responses/NotFound" }
                }
              }
            },
            "/api/openapi.json": {
              "get": {
                "operationId": "getOpenAPI",
                "summary": "This document.",
                "responses": {
                  "200": { "description": "The OpenAPI document.", "content": { "application/json": { "schema": { "type": "object" } } } },
                  "401": { "$ref": "#/components/responses/Unauthorized" }
                }
              }
            }
          },
          "components": {
            "securitySchemes": { "bearer": { "type": "http", "scheme": "bearer" } },
            "responses": {
              "Unauthorized": { "description": "The server listens beyond loopback and the request has no valid bearer token.", "content": { "text/plain": { "schema": { "type": "string" } } } },
              "NotFound": { "description": "No such pipeline, or a path outside the site.", "content": { "text/plain": { "schema": { "type": "string" } } } }
            },
            "schemas": {
              "Counts": { "type": "object", "description": "Goal counts by status code (met, on_track, behind, missed, redacted, incomparable, no_data).", "additionalProperties": { "type": "integer" } },
              "Run": {
                "type": "object",
                "required": ["id", "pipeline", "status", "startedAt", "records", "counts"],
                "properties": {
                  "id": { "type": "integer" },
                  "pipeline": { "type": "string" },
                  "status": { "type": "string", "enum": ["running", "succeeded", "partial", "failed", "interrupted", "stopped"] },
                  "startedAt": { "type": "string", "format": "date-time" },
                  "finishedAt": { "type": ["string", "null"], "format": "date-time" },
                  "records": { "type": "integer" },
                  "counts": { "$ref": "#/components/schemas/Counts" }
                }
              },
              "Pipeline": {
                "type": "object",
                "required": ["id", "title", "period", "freshness", "counts", "total", "runCount", "links"],
                "properties": {
                  "id": { "type": "string" },
                  "title": { "type": "string" },
                  "region": { "type": ["string", "null"] },
                  "period": { "type": "string" },
                  "freshness": { "type": "string", "enum": ["current", "partial", "stale", "never"], "description": "current: the latest finished run read every source; partial: some source failed; stale: the latest run failed, was interrupted or stopped." },
                  "counts": { "$ref": "#/components/schemas/Counts" },
                  "total": { "type": "integer" },
                  "checkedRunID": { "type": ["integer", "null"] },
                  "lastRun": { "oneOf": [{ "$ref": "#/components/schemas/Run" }, { "type": "null" }] },
                  "runCount": { "type": "integer" },
                  "links": { "type": "object", "properties": { "html": { "type": "string" }, "scorecard": { "type": "string" } } }
                }
              },
              "PipelineList": {
                "type": "object",
                "required": ["schema", "pipelines"],
                "properties": { "schema": { "const": "yardstick.pipelines/1" }, "pipelines": { "type": "array", "items": { "$ref": "#/components/schemas/Pipeline" } } }
              },
              "RunList": {
                "type": "object",
                "required": ["schema", "runs"],
                "properties": { "schema": { "const": "yardstick.runs/1" }, "runs": { "type": "array", "items": { "$ref": "#/components/schemas/Run" } } }
              },
              "Scorecard": {
                "type": "object",
                "description": "Schema yardstick.scorecard/1, described field by field in docs/scorecard-schema.md.",
                "required": ["schema", "title", "pipeline", "period", "summary", "results", "notes", "language"],
                "properties": {
                  "schema": { "const": "yardstick.scorecard/1" },
                  "title": { "type": "string" },
                  "pipeline": { "type": "string" },
                  "region": { "type": ["string", "null"] },
                  "period": { "type": "string" },
                  "generatedAt": { "type": "string", "format": "date-time" },
                  "runID": { "type": ["integer", "null"] },
                  "summary": { "type": "object", "additionalProperties": { "type": "integer" } },
                  "results": { "type": "array", "items": { "type": "object", "required": ["status"], "properties": { "status": { "type": "string" } } } },
                  "notes": { "type": "array", "items": { "type": "string" } },
                  "language": { "type": "string", "enum": ["zh", "en"] }
                }
              },
              "ExportRow": {
                "type": "object",
                "required": ["pipeline", "runID", "subject", "kind", "period", "comparator", "unit", "status", "goalSource"],
                "properties": {
                  "pipeline": { "type": "string" },
                  "runID": { "type": "integer" },
                  "region": { "type": ["string", "null"] },
                  "indicator": { "type": ["string", "null"] },
                  "subject": { "type": "string" },
                  "kind": { "type": "string", "enum": ["level", "growth", "change", "share"] },
                  "period": { "type": "string" },
                  "comparator": { "type": "string" },
                  "target": { "type": ["number", "null"] },
                  "targetUpper": { "type": ["number", "null"] },
                  "actual": { "type": ["number", "null"] },
                  "unit": { "type": "string" },
                  "margin": { "type": ["number", "null"] },
                  "attainment": { "type": ["number", "null"] },
                  "status": { "type": "string" },
                  "goalSource": { "type": "string" },
                  "actualSource": { "type": ["string", "null"] },
                  "actualPeriod": { "type": ["string", "null"] }
                }
              },
              "Export": {
                "type": "object",
                "required": ["schema", "rows"],
                "properties": { "schema": { "const": "yardstick.export/1" }, "rows": { "type": "array", "items": { "$ref": "#/components/schemas/ExportRow" } } }
              }
            }
          }
        }
        """#
}
