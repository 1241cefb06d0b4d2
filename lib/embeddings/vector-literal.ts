import { toSql } from "pgvector";

/** A vector in pgvector's text form, to be cast with ::vector in SQL (raw queries only: see schema.prisma). */
export function vectorLiteral(vector: number[]): string {
  return toSql(vector) ?? "[]";
}
