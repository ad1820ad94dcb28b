import mongoose from "mongoose";
import { describe, expect, it } from "vitest";
import { type LooseDoc, rejection, useTestDatabase } from "./helpers.js";

const { ObjectId } = mongoose.mongo;
const db = useTestDatabase("idx");

const accountSchema = new mongoose.Schema({
  telegramId: { type: Number, required: true, unique: true },
  school: String,
  classCode: String,
  email: String,
  phone: String,
  expiresAt: Date,
});
accountSchema.index({ school: 1, classCode: 1 }, { unique: true });
accountSchema.index({ email: 1 }, { unique: true, sparse: true });
accountSchema.index({ phone: 1 }, { unique: true, partialFilterExpression: { phone: { $type: "string" } } });
accountSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 3600 });

const Account = () => db.current.connection.model("Account", accountSchema);

function indexNames(indexes: Array<{ name?: string }>): string[] {
  return indexes.map((i) => i.name ?? "").sort();
}

describe("indexes from mongoose schemas", () => {
  it("Model.init() + syncIndexes() create the schema's indexes, listIndexes reports them", async () => {
    await Account().init();
    await Account().syncIndexes();
    const indexes = await Account().listIndexes();
    expect(indexNames(indexes)).toEqual(["_id_", "email_1", "expiresAt_1", "phone_1", "school_1_classCode_1", "telegramId_1"]);
    const byName = new Map(indexes.map((i) => [i.name, i]));
    expect(byName.get("telegramId_1")).toMatchObject({ key: { telegramId: 1 }, unique: true });
    expect(byName.get("school_1_classCode_1")).toMatchObject({ key: { school: 1, classCode: 1 }, unique: true });
    expect(byName.get("email_1")).toMatchObject({ sparse: true, unique: true });
    expect(byName.get("phone_1")).toMatchObject({ partialFilterExpression: { phone: { $type: "string" } } });
    expect(byName.get("expiresAt_1")).toMatchObject({ expireAfterSeconds: 3600 });
    expect(byName.get("_id_")).toMatchObject({ key: { _id: 1 } });
    // A second sync finds nothing to change.
    expect(await Account().syncIndexes()).toEqual([]);
  });

  it("enforces a unique index on insert with keyPattern and keyValue", async () => {
    await Account().create({ telegramId: 100, school: "s1", classCode: "9A" });
    const err = await rejection(Account().create({ telegramId: 100, school: "s1", classCode: "9B" }));
    expect(err.code).toBe(11000);
    expect(err.keyPattern).toEqual({ telegramId: 1 });
    expect(err.keyValue).toEqual({ telegramId: 100 });
    expect(err.message).toMatch(/E11000 duplicate key error collection: \S+\.accounts index: telegramId_1 dup key: \{ telegramId: 100 \}/);
  });

  it("enforces a compound unique index", async () => {
    const err = await rejection(Account().create({ telegramId: 101, school: "s1", classCode: "9A" }));
    expect(err.code).toBe(11000);
    expect(err.keyPattern).toEqual({ school: 1, classCode: 1 });
    expect(err.keyValue).toEqual({ school: "s1", classCode: "9A" });
    await Account().create({ telegramId: 102, school: "s1", classCode: "9C" });
    await Account().create({ telegramId: 103, school: "s2", classCode: "9A" });
  });

  it("enforces uniqueness on update, upsert and findOneAndUpdate", async () => {
    const update = await rejection(Account().updateOne({ telegramId: 102 }, { $set: { classCode: "9A" } }));
    expect(update.code).toBe(11000);
    expect(update.keyValue).toEqual({ school: "s1", classCode: "9A" });
    const upsert = await rejection(Account().updateOne({ telegramId: 999 }, { $set: { school: "s2", classCode: "9A" } }, { upsert: true }));
    expect(upsert.code).toBe(11000);
    const fam = await rejection(Account().findOneAndUpdate({ telegramId: 103 }, { $set: { telegramId: 100 } }));
    expect(fam.code).toBe(11000);
    expect(fam.keyPattern).toEqual({ telegramId: 1 });
    expect(fam.keyValue).toEqual({ telegramId: 100 });
    expect(await Account().countDocuments({ telegramId: 999 })).toBe(0);
    expect((await Account().findOne({ telegramId: 102 }).lean())?.classCode).toBe("9C");
  });

  it("reports duplicates in insertMany as a bulk write error", async () => {
    const err = await rejection(
      Account().insertMany(
        [
          { telegramId: 200, school: "x", classCode: "1" },
          { telegramId: 100, school: "x", classCode: "2" },
          { telegramId: 201, school: "x", classCode: "3" },
        ],
        { ordered: false },
      ),
    );
    expect(err.code).toBe(11000);
    const writeErrors = (err as unknown as { writeErrors: Array<{ index: number; code: number }> }).writeErrors;
    expect(writeErrors.map((w) => [w.index, w.code])).toEqual([[1, 11000]]);
    expect(await Account().countDocuments({ school: "x" })).toBe(2);
  });

  it("sparse and partial unique indexes only cover matching documents", async () => {
    // No email and no phone: neither sparse nor partial index sees these documents.
    await Account().create({ telegramId: 300, school: "p", classCode: "1" });
    await Account().create({ telegramId: 301, school: "p", classCode: "2" });
    await Account().create({ telegramId: 302, school: "p", classCode: "3", email: "a@b.kz", phone: "+7700" });
    expect((await rejection(Account().create({ telegramId: 303, school: "p", classCode: "4", email: "a@b.kz" }))).code).toBe(11000);
    const phone = await rejection(Account().create({ telegramId: 304, school: "p", classCode: "5", phone: "+7700" }));
    expect(phone.code).toBe(11000);
    expect(phone.keyValue).toEqual({ phone: "+7700" });
    // A numeric phone does not match the partial filter, so duplicates of it are allowed.
    const raw = db.current.connection.collection<LooseDoc>("accounts");
    await raw.insertOne({ telegramId: 305, school: "p", classCode: "6", phone: 7700 });
    await raw.insertOne({ telegramId: 306, school: "p", classCode: "7", phone: 7700 });
  });

  it("_id is always unique", async () => {
    const raw = db.current.connection.collection<LooseDoc>("ids");
    const id = new ObjectId();
    await raw.insertOne({ _id: id });
    const err = await rejection(raw.insertOne({ _id: id }));
    expect(err.code).toBe(11000);
    expect(err.keyPattern).toEqual({ _id: 1 });
    expect((err.keyValue as { _id: InstanceType<typeof ObjectId> })._id.equals(id)).toBe(true);
  });

  it("refuses to build a unique index over existing duplicates", async () => {
    const raw = db.current.connection.collection<LooseDoc>("dups");
    await raw.insertMany([{ v: 1 }, { v: 1 }]);
    const err = await rejection(raw.createIndex({ v: 1 }, { unique: true }));
    expect(err.code).toBe(11000);
    expect(indexNames(await raw.listIndexes().toArray())).toEqual(["_id_"]);
  });

  it("creates, lists and drops indexes through the driver", async () => {
    const raw = db.current.connection.collection<LooseDoc>("manual");
    await raw.insertOne({ a: 1, b: 2 });
    expect(await raw.createIndex({ a: 1 })).toBe("a_1");
    expect(await raw.createIndex({ a: 1, b: -1 }, { name: "ab" })).toBe("ab");
    expect(await raw.createIndex({ a: 1 })).toBe("a_1");
    expect(indexNames(await raw.listIndexes().toArray())).toEqual(["_id_", "a_1", "ab"]);
    expect(await raw.indexExists("ab")).toBe(true);
    await raw.dropIndex("a_1");
    expect(indexNames(await raw.listIndexes().toArray())).toEqual(["_id_", "ab"]);
    expect((await rejection(raw.dropIndex("nope"))).code).toBe(27);
    expect((await rejection(raw.dropIndex("_id_"))).code).toBe(72);
    await raw.dropIndexes();
    expect(indexNames(await raw.listIndexes().toArray())).toEqual(["_id_"]);
    const missing = await rejection(db.current.connection.collection<LooseDoc>("never_created").listIndexes().toArray());
    expect(missing.code).toBe(26);
  });

  it("queries through an index return the same results as a scan", async () => {
    const raw = db.current.connection.collection<LooseDoc>("indexed_lookup");
    await raw.createIndex({ k: 1 });
    await raw.insertMany(Array.from({ length: 100 }, (_, i) => ({ k: i % 10, tags: [`t${i % 3}`], i })));
    expect(await raw.countDocuments({ k: 3 })).toBe(10);
    expect(await raw.countDocuments({ k: { $in: [1, 2] } })).toBe(20);
    expect((await raw.find({ k: 3 }).toArray()).map((d) => d.i)).toEqual([3, 13, 23, 33, 43, 53, 63, 73, 83, 93]);
    await raw.updateMany({ k: 3 }, { $set: { k: 30 } });
    expect(await raw.countDocuments({ k: 3 })).toBe(0);
    expect(await raw.countDocuments({ k: 30 })).toBe(10);
    await raw.deleteMany({ k: 30 });
    expect(await raw.countDocuments({ k: 30 })).toBe(0);
  });
});

describe("hints", () => {
  it("rejects a hint that names no index", async () => {
    const raw = db.current.connection.collection<LooseDoc>("hinted");
    await raw.createIndex({ h: 1 });
    await raw.insertOne({ h: 1 });
    expect(await raw.find({ h: 1 }).hint("h_1").toArray()).toHaveLength(1);
    expect(await raw.find({ h: 1 }).hint({ h: 1 }).toArray()).toHaveLength(1);
    expect((await rejection(raw.find({ h: 1 }).hint("nope_1").toArray())).code).toBe(2);
  });
});
