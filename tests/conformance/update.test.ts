import mongoose from "mongoose";
import { describe, expect, it } from "vitest";
import { rejection, useTestDatabase } from "./helpers.js";

const { ObjectId, Timestamp } = mongoose.mongo;
const db = useTestDatabase("update");

type Doc = mongoose.mongo.Document;

/** The driver's typings reject many valid update documents ($push modifiers, $currentDate...). */
interface LooseCollection {
  insertOne(doc: Doc): Promise<unknown>;
  insertMany(docs: Doc[]): Promise<unknown>;
  findOne(filter: Doc): Promise<Doc | null>;
  updateOne(filter: Doc, update: Doc | Doc[], options?: mongoose.mongo.UpdateOptions): Promise<mongoose.mongo.UpdateResult>;
  updateMany(filter: Doc, update: Doc | Doc[]): Promise<mongoose.mongo.UpdateResult>;
  replaceOne(filter: Doc, replacement: Doc): Promise<unknown>;
}

function raw(name: string): LooseCollection {
  return db.current.connection.collection(name) as unknown as LooseCollection;
}

describe("update operators", () => {
  it("$set, $unset, $inc, $mul, $min, $max, $rename on nested paths", async () => {
    const c = raw("ops");
    await c.insertOne({ _id: 1, a: 1, b: { c: 2 }, gone: true, low: 5, keep: 5, high: 5, price: 10, old: "x" });
    const res = await c.updateOne(
      { _id: 1 },
      {
        $set: { "b.d": 3, "new.deep.field": "ok" },
        $unset: { gone: "" },
        $inc: { a: 2, counter: 1 },
        $mul: { price: 1.5, missing: 3 },
        $min: { low: 2, keep: 9 },
        $max: { high: 8 },
        $rename: { old: "renamed" },
      },
    );
    expect(res.matchedCount).toBe(1);
    expect(res.modifiedCount).toBe(1);
    expect(await c.findOne({ _id: 1 })).toEqual({
      _id: 1,
      a: 3,
      b: { c: 2, d: 3 },
      low: 2,
      keep: 5,
      high: 8,
      price: 15,
      counter: 1,
      missing: 0,
      new: { deep: { field: "ok" } },
      renamed: "x",
    });
  });

  it("reports no modification when nothing changes", async () => {
    const c = raw("noop");
    await c.insertOne({ _id: 1, a: 1 });
    const res = await c.updateOne({ _id: 1 }, { $set: { a: 1 } });
    expect(res.matchedCount).toBe(1);
    expect(res.modifiedCount).toBe(0);
    const none = await c.updateOne({ _id: 2 }, { $set: { a: 1 } });
    expect(none.matchedCount).toBe(0);
  });

  it("$push with $each, $position, $sort and $slice; $addToSet, $pull, $pullAll, $pop", async () => {
    const c = raw("arrays");
    await c.insertOne({ _id: 1, list: [3, 1], tags: ["a"], items: [{ k: 1 }, { k: 2 }, { k: 3 }], q: [1, 2, 3, 4] });
    await c.updateOne({ _id: 1 }, { $push: { list: { $each: [9, 0], $position: 1 } } });
    expect((await c.findOne({ _id: 1 }))?.list).toEqual([3, 9, 0, 1]);
    await c.updateOne({ _id: 1 }, { $push: { list: { $each: [5], $sort: 1, $slice: 3 } } });
    expect((await c.findOne({ _id: 1 }))?.list).toEqual([0, 1, 3]);
    await c.updateOne({ _id: 1 }, { $push: { list: { $each: [7, 8], $slice: -2 } } });
    expect((await c.findOne({ _id: 1 }))?.list).toEqual([7, 8]);
    await c.updateOne({ _id: 1 }, { $push: { fresh: "first" } });
    await c.updateOne({ _id: 1 }, { $addToSet: { tags: { $each: ["a", "b", "b"] } } });
    await c.updateOne({ _id: 1 }, { $pull: { items: { k: { $gte: 2 } } } });
    await c.updateOne({ _id: 1 }, { $pullAll: { q: [2, 4] } });
    await c.updateOne({ _id: 1 }, { $pop: { q: -1 } });
    const doc = await c.findOne({ _id: 1 });
    expect(doc?.fresh).toEqual(["first"]);
    expect(doc?.tags).toEqual(["a", "b"]);
    expect(doc?.items).toEqual([{ k: 1 }]);
    expect(doc?.q).toEqual([3]);
    await c.updateOne({ _id: 1 }, { $pull: { tags: "a" }, $push: { items: { $each: [{ k: 5 }, { k: 4 }], $sort: { k: -1 } } } });
    const after = await c.findOne({ _id: 1 });
    expect(after?.tags).toEqual(["b"]);
    expect(after?.items).toEqual([{ k: 5 }, { k: 4 }, { k: 1 }]);
  });

  it("$currentDate and $setOnInsert", async () => {
    const c = raw("dates");
    const before = Date.now();
    await c.updateOne({ _id: 1 }, { $currentDate: { at: true, ts: { $type: "timestamp" } }, $setOnInsert: { created: "yes" } }, { upsert: true });
    const doc = await c.findOne({ _id: 1 });
    expect(doc?.at).toBeInstanceOf(Date);
    expect((doc?.at as Date).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(doc?.ts).toBeInstanceOf(Timestamp);
    expect(doc?.created).toBe("yes");
    await c.updateOne({ _id: 1 }, { $setOnInsert: { created: "again" }, $set: { touched: true } }, { upsert: true });
    const again = await c.findOne({ _id: 1 });
    expect(again?.created).toBe("yes");
    expect(again?.touched).toBe(true);
  });

  it("positional $, $[] and $[identifier] with arrayFilters", async () => {
    const c = raw("positional");
    await c.insertOne({ _id: 1, grades: [{ s: "math", v: 80 }, { s: "art", v: 90 }, { s: "math", v: 70 }], n: [1, 2, 3] });
    await c.updateOne({ _id: 1, "grades.s": "art" }, { $set: { "grades.$.v": 95 } });
    await c.updateOne({ _id: 1 }, { $inc: { "n.$[]": 10 } });
    await c.updateOne({ _id: 1 }, { $set: { "grades.$[g].pass": true } }, { arrayFilters: [{ "g.v": { $gte: 80 } }] });
    const doc = await c.findOne({ _id: 1 });
    expect(doc?.grades).toEqual([
      { s: "math", v: 80, pass: true },
      { s: "art", v: 95, pass: true },
      { s: "math", v: 70 },
    ]);
    expect(doc?.n).toEqual([11, 12, 13]);
  });

  it("updates many and replaces one", async () => {
    const c = raw("many");
    await c.insertMany([{ g: 1, v: 0 }, { g: 1, v: 0 }, { g: 2, v: 0 }]);
    const many = await c.updateMany({ g: 1 }, { $set: { v: 1 } });
    expect(many.matchedCount).toBe(2);
    expect(many.modifiedCount).toBe(2);
    const one = await c.findOne({ g: 2 });
    await c.replaceOne({ _id: one!._id }, { replaced: true });
    expect(await c.findOne({ _id: one!._id })).toEqual({ _id: one!._id, replaced: true });
  });

  it("supports pipeline-style updates", async () => {
    const c = raw("pipeline");
    await c.insertOne({ _id: 1, first: "Айжан", last: "Ким", score: 4 });
    await c.updateOne({ _id: 1 }, [{ $set: { full: { $concat: ["$first", " ", "$last"] }, double: { $multiply: ["$score", 2] } } }, { $unset: "last" }]);
    expect(await c.findOne({ _id: 1 })).toEqual({ _id: 1, first: "Айжан", score: 4, full: "Айжан Ким", double: 8 });
  });

  it("rejects invalid updates with mongod's error codes", async () => {
    const c = raw("invalid");
    await c.insertOne({ _id: 1, name: "x", list: "not an array" });
    expect((await rejection(c.updateOne({ _id: 1 }, { $inc: { name: 1 } }))).code).toBe(14);
    expect((await rejection(c.updateOne({ _id: 1 }, { $push: { list: 1 } }))).code).toBe(2);
    expect((await rejection(c.updateOne({ _id: 1 }, { $set: { a: 1 }, $inc: { a: 1 } }))).code).toBe(40);
    expect((await rejection(c.updateOne({ _id: 1 }, { $set: { _id: 2 } }))).code).toBe(66);
    expect((await rejection(c.updateOne({ _id: 1 }, { $foo: { a: 1 } } as never))).code).toBe(9);
    expect((await rejection(c.updateOne({ _id: 1 }, { $set: { "name.first": "y" } }))).code).toBe(28);
    expect(await c.findOne({ _id: 1 })).toEqual({ _id: 1, name: "x", list: "not an array" });
  });
});

describe("upserts and findOneAndUpdate", () => {
  const counterSchema = new mongoose.Schema({ key: String, value: Number, meta: { kind: String } });
  const Counter = () => db.current.connection.model("Counter", counterSchema);

  it("upserts from the filter's equality fields", async () => {
    const res = await Counter().updateOne({ key: "a", "meta.kind": "k" }, { $inc: { value: 5 } }, { upsert: true });
    expect(res.upsertedCount).toBe(1);
    expect(res.upsertedId).toBeInstanceOf(ObjectId);
    const doc = await Counter().findOne({ key: "a" }).lean();
    expect(doc).toMatchObject({ key: "a", value: 5, meta: { kind: "k" } });
    const again = await Counter().updateOne({ key: "a" }, { $inc: { value: 1 } }, { upsert: true });
    expect(again.upsertedCount).toBe(0);
    expect(again.modifiedCount).toBe(1);
  });

  it("findOneAndUpdate honours new, upsert and sort", async () => {
    await Counter().insertMany([
      { key: "s", value: 1 },
      { key: "s", value: 3 },
      { key: "s", value: 2 },
    ]);
    const before = await Counter().findOneAndUpdate({ key: "s" }, { $set: { picked: true } }, { sort: { value: -1 }, strict: false }).lean();
    expect(before?.value).toBe(3);
    expect((before as Record<string, unknown>).picked).toBeUndefined();
    const after = await Counter().findOneAndUpdate({ key: "s" }, { $inc: { value: 10 } }, { sort: { value: 1 }, returnDocument: "after" }).lean();
    expect(after?.value).toBe(11);
    const missing = await Counter().findOneAndUpdate({ key: "nope" }, { $set: { value: 1 } }).lean();
    expect(missing).toBeNull();
    const created = await Counter().findOneAndUpdate({ key: "up" }, { $set: { value: 7 } }, { upsert: true, returnDocument: "after" }).lean();
    expect(created).toMatchObject({ key: "up", value: 7 });
    const raw = (await Counter()
      .findOneAndUpdate({ key: "up2" }, { $set: { value: 1 } }, { upsert: true, includeResultMetadata: true })
      .lean()) as unknown as { value: unknown; lastErrorObject?: { updatedExisting?: boolean; upserted?: unknown } };
    expect(raw.value).toBeNull();
    expect(raw.lastErrorObject?.updatedExisting).toBe(false);
    expect(raw.lastErrorObject?.upserted).toBeInstanceOf(ObjectId);
  });

  it("findOneAndUpdate returns the projected new document even when it no longer matches the filter", async () => {
    await Counter().insertMany([
      { key: "q", value: 2, meta: { kind: "waiting" } },
      { key: "q", value: 1, meta: { kind: "waiting" } },
    ]);
    const moved = await Counter()
      .findOneAndUpdate({ key: "q", "meta.kind": "waiting" }, { $set: { "meta.kind": "seated" } }, { sort: { value: 1 }, returnDocument: "after", projection: { value: 1 } })
      .lean();
    expect(moved).toMatchObject({ value: 1 });
    expect(Object.keys(moved ?? {}).sort()).toEqual(["_id", "value"]);
    const old = await Counter().findOneAndUpdate({ key: "q", "meta.kind": "waiting" }, { $set: { "meta.kind": "seated" } }, { projection: { value: 1 } }).lean();
    expect(old).toMatchObject({ value: 2 });
  });

  it("a conditional $inc with $expr takes a seat only while one is free", async () => {
    const Seats = db.current.connection.model("Seats", new mongoose.Schema({ taken: Number, capacity: Number }));
    const trial = await Seats.create({ taken: 0, capacity: 3 });
    const tries = await Promise.all(
      Array.from({ length: 20 }, () => Seats.findOneAndUpdate({ _id: trial._id, $expr: { $lt: ["$taken", "$capacity"] } }, { $inc: { taken: 1 } }).lean()),
    );
    expect(tries.filter((t) => t !== null)).toHaveLength(3);
    expect((await Seats.findById(trial._id).lean())?.taken).toBe(3);
  });

  it("findOneAndDelete and findOneAndReplace", async () => {
    await Counter().create({ key: "del", value: 1 });
    const deleted = await Counter().findOneAndDelete({ key: "del" }).lean();
    expect(deleted?.value).toBe(1);
    expect(await Counter().countDocuments({ key: "del" })).toBe(0);
    await Counter().create({ key: "rep", value: 1 });
    const replaced = await Counter().findOneAndReplace({ key: "rep" }, { key: "rep", value: 99 }, { returnDocument: "after" }).lean();
    expect(replaced?.value).toBe(99);
  });

  it("applies 200 concurrent conditional increments exactly 20 times", async () => {
    const Slot = db.current.connection.model("Slot", new mongoose.Schema({ seats: Number }));
    const slot = await Slot.create({ seats: 0 });
    const results = await Promise.all(
      Array.from({ length: 200 }, () => Slot.updateOne({ _id: slot._id, seats: { $lt: 20 } }, { $inc: { seats: 1 } })),
    );
    expect(results.filter((r) => r.modifiedCount === 1)).toHaveLength(20);
    expect((await Slot.findById(slot._id).lean())?.seats).toBe(20);
    const taken = await Promise.all(
      Array.from({ length: 50 }, () =>
        Slot.findOneAndUpdate({ _id: slot._id, seats: { $gt: 0 } }, { $inc: { seats: -1 } }, { returnDocument: "after" }).lean(),
      ),
    );
    expect(taken.filter((t) => t !== null)).toHaveLength(20);
    expect((await Slot.findById(slot._id).lean())?.seats).toBe(0);
  });

  it("saves mongoose documents with versioning", async () => {
    const Profile = db.current.connection.model("Profile", new mongoose.Schema({ name: String, langs: [String] }));
    const p = await Profile.create({ name: "Нурлан", langs: ["kk"] });
    p.langs.push("ru");
    p.name = "Нурлан Б.";
    await p.save();
    const back = await Profile.findById(p._id).lean();
    expect(back).toMatchObject({ name: "Нурлан Б.", langs: ["kk", "ru"], __v: 1 });
  });
});
