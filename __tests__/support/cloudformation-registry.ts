import * as fs from "fs";
import * as zlib from "zlib";
import Ajv, { ValidateFunction } from "ajv";

/**
 * JSON Schemas for CloudFormation templates, built from the CloudFormation registry as the AWS CDK
 * team publishes it: @aws-cdk/aws-service-spec (devDependency, pinned), whose db.json.gz holds every
 * resource type's properties and property types. Tests validate the templates we synthesize with
 * them, so a key CloudFormation does not know or a value of the wrong type fails a test, as the
 * Terraform check does for the Terraform resources.
 */

interface SpecType {
  readonly type: string;
  readonly element?: SpecType;
  readonly types?: SpecType[];
  readonly reference?: { readonly $ref: string };
}
interface SpecProperty {
  readonly type: SpecType;
  readonly required?: boolean;
  /** "yes" when changing the property replaces the resource. */
  readonly causesReplacement?: string;
}
interface SpecEntity {
  readonly $id: string;
  readonly name: string;
  readonly cloudFormationType?: string;
  readonly properties: Record<string, SpecProperty>;
  readonly attributes?: Record<string, SpecProperty>;
}

let db: { resources: SpecEntity[]; types: Map<string, SpecEntity> } | undefined;

function database() {
  if (db) return db;
  const file = require.resolve("@aws-cdk/aws-service-spec/db.json.gz");
  const json = JSON.parse(zlib.gunzipSync(fs.readFileSync(file)).toString("utf8"));
  db = {
    resources: json.schema.resource.entities,
    types: new Map((json.schema.typeDefinition.entities as SpecEntity[]).map((t) => [t.$id, t])),
  };
  return db;
}

/** The version of the service specification the schemas come from. */
export function specVersion(): string {
  return require("@aws-cdk/aws-service-spec/package.json").version;
}

/** A resource type as the registry describes it (properties and the attributes Fn::GetAtt reads). */
export function resourceSpec(cloudFormationType: string): SpecEntity {
  const resource = database().resources.find((r) => r.cloudFormationType === cloudFormationType);
  if (!resource) throw new Error(`the service specification has no ${cloudFormationType}`);
  return resource;
}

/**
 * Properties of the resource's property types (`Type.Property`) whose change replaces the
 * resource, sorted. (The resource's own top-level ones are in resourceSpec().properties.)
 */
export function replacingPropertyTypes(cloudFormationType: string): string[] {
  const { types } = database();
  const resource = resourceSpec(cloudFormationType);
  const seen = new Set<string>();
  const found: string[] = [];
  const visit = (t: SpecType) => {
    if (t.element) visit(t.element);
    t.types?.forEach(visit);
    if (t.type !== "ref" || seen.has(t.reference!.$ref)) return;
    seen.add(t.reference!.$ref);
    const entity = types.get(t.reference!.$ref)!;
    for (const [name, p] of Object.entries(entity.properties)) {
      if (p.causesReplacement === "yes") found.push(`${entity.name}.${name}`);
      visit(p.type);
    }
  };
  Object.values(resource.properties).forEach((p) => visit(p.type));
  return found.sort();
}

/** A CloudFormation intrinsic function in place of a value (one key, Ref or Fn::...). */
const INTRINSIC = {
  type: "object",
  minProperties: 1,
  maxProperties: 1,
  propertyNames: { enum: ["Ref", "Fn::GetAtt", "Fn::Join", "Fn::Select", "Fn::Split", "Fn::Sub", "Fn::If", "Fn::ImportValue", "Fn::FindInMap", "Fn::Base64"] },
};

/**
 * The JSON Schema of one resource type's Properties: every property type an object with exactly
 * its known keys (additionalProperties false), scalars typed (string, integer, number, boolean),
 * intrinsic functions accepted wherever a value is.
 */
export function propertiesSchema(cloudFormationType: string): Record<string, unknown> {
  const { types } = database();
  const resource = resourceSpec(cloudFormationType);
  const definitions: Record<string, unknown> = {};
  const objectSchema = (entity: SpecEntity) => ({
    type: "object",
    additionalProperties: false,
    properties: Object.fromEntries(Object.entries(entity.properties).map(([name, p]) => [name, typeSchema(p.type)])),
    required: Object.entries(entity.properties)
      .filter(([, p]) => p.required)
      .map(([name]) => name),
  });
  const typeSchema = (t: SpecType): unknown => {
    switch (t.type) {
      case "string":
      case "date-time":
        return { anyOf: [{ type: "string" }, INTRINSIC] };
      case "integer":
        return { anyOf: [{ type: "integer" }, INTRINSIC] };
      case "number":
        return { anyOf: [{ type: "number" }, INTRINSIC] };
      case "boolean":
        return { anyOf: [{ type: "boolean" }, INTRINSIC] };
      case "json":
        return {};
      case "array":
        return { anyOf: [{ type: "array", items: typeSchema(t.element!) }, INTRINSIC] };
      case "map":
        return { type: "object", additionalProperties: typeSchema(t.element!) };
      case "union":
        return { anyOf: t.types!.map(typeSchema) };
      case "ref": {
        const id = t.reference!.$ref;
        const entity = types.get(id);
        if (!entity) throw new Error(`the service specification has no type ${id}`);
        const key = `${entity.name}_${id}`;
        if (!(key in definitions)) {
          definitions[key] = true; // placeholder while recursing
          definitions[key] = objectSchema(entity);
        }
        return { $ref: `#/definitions/${key}` };
      }
      default:
        throw new Error(`unknown type kind ${t.type} in the service specification`);
    }
  };
  const root = objectSchema(resource);
  return { ...root, definitions };
}

/**
 * A validator for a whole template holding resources of the given types: parameters of type
 * String, resources by type, outputs with a Value.
 */
export function templateValidator(resourceTypes: readonly string[]): ValidateFunction {
  const resourceSchemas = resourceTypes.map((type) => {
    const { definitions, ...properties } = propertiesSchema(type) as { definitions: Record<string, unknown> };
    return { type, properties, definitions };
  });
  const definitions = Object.assign({}, ...resourceSchemas.map((r) => r.definitions));
  const schema = {
    type: "object",
    additionalProperties: false,
    required: ["AWSTemplateFormatVersion", "Resources"],
    properties: {
      AWSTemplateFormatVersion: { const: "2010-09-09" },
      Description: { type: "string", maxLength: 1024 },
      Parameters: {
        type: "object",
        additionalProperties: {
          type: "object",
          additionalProperties: false,
          required: ["Type"],
          properties: { Type: { enum: ["String", "Number", "CommaDelimitedList"] }, Description: { type: "string" }, NoEcho: { type: "boolean" } },
        },
      },
      Resources: {
        type: "object",
        additionalProperties: {
          oneOf: resourceSchemas.map((r) => ({
            type: "object",
            additionalProperties: false,
            required: ["Type", "Properties"],
            properties: { Type: { const: r.type }, Properties: r.properties, DependsOn: {}, DeletionPolicy: { type: "string" }, UpdateReplacePolicy: { type: "string" } },
          })),
        },
      },
      Outputs: {
        type: "object",
        additionalProperties: { type: "object", additionalProperties: false, required: ["Value"], properties: { Description: { type: "string" }, Value: {}, Export: {} } },
      },
    },
    definitions,
  };
  return new Ajv({ allErrors: true, strict: true }).compile(schema);
}
