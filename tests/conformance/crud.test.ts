import mongoose from "mongoose";
import { beforeAll, describe, expect, it } from "vitest";
import { type LooseDoc, useTestDatabase } from "./helpers.js";

// The driver's own BSON classes (importing "bson" directly may load a second copy of the package).
const { Binary, Decimal128, Long, ObjectId } = mongoose.mongo;

const db = useTestDatabase("crud");

const pupilSchema = new mongoose.Schema({
  name: String,
  grade: Number,
  school: mongoose.Schema.Types.ObjectId,
  born: Date,
  tags: [String],
  scores: [{ subject: String, value: Number }],
  address: { city: String, street: String },
  nickname: String,
});

function Pupil() {
  return db.current.connection.model("Pupil", pupilSchema);
}

describe("insert and find", () => {
  const schoolA = new ObjectId();
  const schoolB = new ObjectId();

  beforeAll(async () => {
    await Pupil().insertMany([
      {
        name: "Айгерім",
        grade: 9,
        school: schoolA,
        born: new Date("2010-03-01T00:00:00Z"),
        tags: ["math", "art"],
        scores: [
          { subject: "math", value: 90 },
          { subject: "art", value: 70 },
        ],
        address: { city: "Алматы", street: "Абай" },
      },
      {
        name: "ҚАЗАҚ тілі үйірмесі",
        grade: 10,
        school: schoolB,
        born: new Date("2009-06-15T00:00:00Z"),
        tags: ["lang"],
        scores: [{ subject: "math", value: 60 }],
        address: { city: "Бишкек", street: "Чуй" },
        nickname: "kaz",
      },
      {
        name: "Bolot",
        grade: 11,
        school: schoolA,
        born: new Date("2008-12-31T00:00:00Z"),
        tags: [],
        scores: [
          { subject: "art", value: 95 },
          { subject: "math", value: 85 },
        ],
        address: { city: "Бишкек", street: "Манас" },
      },
    ]);
  });

  it("finds by ObjectId equality and $in with ObjectIds", async () => {
    expect(await Pupil().countDocuments({ school: schoolA })).toBe(2);
    expect(await Pupil().countDocuments({ school: new ObjectId(schoolB.toHexString()) })).toBe(1);
    expect(await Pupil().countDocuments({ school: { $in: [schoolB, new ObjectId()] } })).toBe(1);
    const first = await Pupil().findOne({ name: "Bolot" }).lean();
    const byId = await Pupil().findById(first!._id).lean();
    expect(byId?.name).toBe("Bolot");
    expect(byId?._id).toBeInstanceOf(ObjectId);
    expect(byId?.school?.equals(schoolA)).toBe(true);
  });

  it("compares ObjectIds and Dates by range", async () => {
    const ids = (await Pupil().find().sort({ _id: 1 }).lean()).map((p) => p._id);
    expect(await Pupil().countDocuments({ _id: { $gt: ids[0] } })).toBe(2);
    expect(await Pupil().countDocuments({ born: new Date("2009-06-15T00:00:00Z") })).toBe(1);
    expect(await Pupil().countDocuments({ born: { $gte: new Date("2009-01-01"), $lt: new Date("2010-12-31") } })).toBe(2);
    const young = await Pupil().findOne({ born: { $gt: new Date("2010-01-01") } }).lean();
    expect(young?.born).toBeInstanceOf(Date);
    expect(young?.born?.toISOString()).toBe("2010-03-01T00:00:00.000Z");
  });

  it("matches case-insensitive regexes on Cyrillic text", async () => {
    expect((await Pupil().find({ name: /қазақ/i }).lean()).map((p) => p.name)).toEqual(["ҚАЗАҚ тілі үйірмесі"]);
    expect(await Pupil().countDocuments({ name: { $regex: "айгерім", $options: "i" } })).toBe(1);
    expect(await Pupil().countDocuments({ name: /айгерім/ })).toBe(0);
    expect(await Pupil().countDocuments({ "address.city": /^биш/i })).toBe(2);
  });

  it("supports $elemMatch, $exists, $size, $all and dotted paths into arrays", async () => {
    const strongInMath = await Pupil().find({ scores: { $elemMatch: { subject: "math", value: { $gte: 85 } } } }).lean();
    expect(strongInMath.map((p) => p.name).sort()).toEqual(["Bolot", "Айгерім"]);
    expect(await Pupil().countDocuments({ "scores.value": { $gt: 92 } })).toBe(1);
    expect(await Pupil().countDocuments({ "scores.subject": "art" })).toBe(2);
    expect(await Pupil().countDocuments({ nickname: { $exists: true } })).toBe(1);
    expect(await Pupil().countDocuments({ nickname: { $exists: false } })).toBe(2);
    expect(await Pupil().countDocuments({ tags: { $size: 0 } })).toBe(1);
    expect(await Pupil().countDocuments({ tags: { $all: ["art", "math"] } })).toBe(1);
    expect(await Pupil().countDocuments({ tags: "lang" })).toBe(1);
    expect(await Pupil().countDocuments({ "scores.0.subject": "art" })).toBe(1);
    expect(await Pupil().countDocuments({ $or: [{ grade: 9 }, { nickname: "kaz" }] })).toBe(2);
    expect(await Pupil().countDocuments({ grade: { $nin: [9, 10] } })).toBe(1);
    expect(await Pupil().countDocuments({ nickname: null })).toBe(2);
  });

  it("sorts, skips, limits and projects", async () => {
    const sorted = await Pupil().find({}, { name: 1, grade: 1 }).sort({ grade: -1 }).skip(1).limit(1).lean();
    expect(sorted).toHaveLength(1);
    expect(sorted[0]!.grade).toBe(10);
    expect(Object.keys(sorted[0]!).sort()).toEqual(["_id", "grade", "name"]);
    const excluded = await Pupil().findOne({ name: "Bolot" }, { scores: 0, "address.street": 0 }).lean();
    expect((excluded as Record<string, unknown> | null)?.scores).toBeUndefined();
    expect(excluded?.address).toEqual({ city: "Бишкек" });
    const noId = await Pupil().findOne({ name: "Bolot" }, { _id: 0, "address.city": 1 }).lean();
    expect(noId).toEqual({ address: { city: "Бишкек" } });
    const sliced = await Pupil().findOne({ name: "Bolot" }, { scores: { $slice: 1 } }).lean();
    expect(sliced?.scores).toHaveLength(1);
    // The stored document is unaffected by projections.
    const full = await Pupil().findOne({ name: "Bolot" }).lean();
    expect(full?.address).toEqual({ city: "Бишкек", street: "Манас" });
    const reversed = await Pupil().find().sort({ $natural: -1 }).lean();
    expect(reversed.map((p) => p.grade)).toEqual([11, 10, 9]);
    const byTwoKeys = await Pupil().find().sort({ "address.city": 1, grade: -1 }).lean();
    expect(byTwoKeys.map((p) => p.grade)).toEqual([9, 11, 10]);
  });

  it("counts and lists distinct values", async () => {
    expect(await Pupil().countDocuments()).toBe(3);
    expect(await Pupil().countDocuments({ grade: { $gte: 10 } })).toBe(2);
    expect(await Pupil().estimatedDocumentCount()).toBe(3);
    expect(await Pupil().distinct("address.city")).toEqual(["Алматы", "Бишкек"]);
    expect((await Pupil().distinct("tags")).sort()).toEqual(["art", "lang", "math"]);
    expect(await Pupil().distinct("grade", { school: schoolA })).toEqual([9, 11]);
  });
});

describe("cursors", () => {
  it("returns 250 documents across batches of 50", async () => {
    const Item = db.current.connection.model("Item", new mongoose.Schema({ n: Number }));
    await Item.insertMany(Array.from({ length: 250 }, (_, n) => ({ n })));
    const seen: number[] = [];
    for await (const doc of Item.find().sort({ n: 1 }).batchSize(50).lean().cursor()) seen.push(doc.n as number);
    expect(seen).toEqual(Array.from({ length: 250 }, (_, n) => n));
    const raw = db.current.connection.collection<LooseDoc>("items");
    const cursor = raw.find({ n: { $gte: 100 } }, { batchSize: 50, sort: { n: -1 } });
    expect(await cursor.toArray()).toHaveLength(150);
    // An abandoned cursor is killed without errors.
    const partial = raw.find({}, { batchSize: 10 });
    await partial.next();
    await partial.close();
    expect(await Item.find().skip(240).sort({ n: 1 }).lean()).toHaveLength(10);
    const all = await raw.aggregate([{ $match: { n: { $lt: 120 } } }], { cursor: { batchSize: 7 } }).toArray();
    expect(all).toHaveLength(120);
  });
});

describe("documents and BSON types", () => {
  it("generates an ObjectId for documents without _id", async () => {
    const raw = db.current.connection.collection<LooseDoc>("no_ids");
    const res = await raw.insertOne({ a: 1 });
    expect(res.insertedId).toBeInstanceOf(ObjectId);
    const doc = await raw.findOne({ a: 1 });
    expect(doc?._id).toBeInstanceOf(ObjectId);
    expect(Object.keys(doc!)[0]).toBe("_id");
  });

  it("preserves ObjectId, Date, Decimal128, Long, Binary and nested arrays", async () => {
    const raw = db.current.connection.collection<LooseDoc>("types");
    const id = new ObjectId();
    const original = {
      _id: id,
      when: new Date("2024-05-01T10:00:00.123Z"),
      price: Decimal128.fromString("12.50"),
      big: Long.fromString("9007199254740993"),
      blob: new Binary(Buffer.from([1, 2, 3, 250]), 0),
      nested: [[1, 2], [3, [4, 5]], []],
      sub: { deep: { list: [{ x: 1 }, { x: 2 }] } },
      str: "Ыстықкөл",
      flag: false,
      none: null,
    };
    await raw.insertOne(original);
    const back = await raw.findOne({ _id: id }, { promoteLongs: false });
    expect(back?._id).toBeInstanceOf(ObjectId);
    expect(back?.when).toEqual(original.when);
    expect(back?.price).toBeInstanceOf(Decimal128);
    expect(back?.price.toString()).toBe("12.50");
    expect(Long.isLong(back?.big)).toBe(true);
    expect(back?.big.toString()).toBe("9007199254740993");
    expect(back?.blob).toBeInstanceOf(Binary);
    expect(Buffer.from((back?.blob as InstanceType<typeof Binary>).buffer).equals(Buffer.from([1, 2, 3, 250]))).toBe(true);
    expect(back?.nested).toEqual([[1, 2], [3, [4, 5]], []]);
    expect(back?.sub).toEqual({ deep: { list: [{ x: 1 }, { x: 2 }] } });
    expect(back?.str).toBe("Ыстықкөл");
    expect(back?.none).toBeNull();
    expect(await raw.countDocuments({ big: Long.fromString("9007199254740993") })).toBe(1);
    expect(await raw.countDocuments({ price: { $gt: Decimal128.fromString("9.99") } })).toBe(1);
    expect(await raw.countDocuments({ price: { $gt: 13 } })).toBe(0);
  });

  it("does not alias stored documents with what a client sent or received", async () => {
    const raw = db.current.connection.collection<LooseDoc>("aliasing");
    const doc = { _id: 1, inner: { list: [1, 2] } };
    await raw.insertOne(doc);
    doc.inner.list.push(3);
    const first = await raw.findOne({ _id: 1 });
    (first!.inner as { list: number[] }).list.push(4);
    expect((await raw.findOne({ _id: 1 }))?.inner).toEqual({ list: [1, 2] });
  });

  it("deletes one or many", async () => {
    const raw = db.current.connection.collection<LooseDoc>("deletes");
    await raw.insertMany([{ k: 1 }, { k: 1 }, { k: 1 }, { k: 2 }]);
    expect((await raw.deleteOne({ k: 1 })).deletedCount).toBe(1);
    expect((await raw.deleteMany({ k: 1 })).deletedCount).toBe(2);
    expect((await raw.deleteMany({ k: 42 })).deletedCount).toBe(0);
    expect(await raw.countDocuments()).toBe(1);
  });

  it("stops an ordered insert at the first error and continues an unordered one", async () => {
    const raw = db.current.connection.collection<LooseDoc>("ordered");
    const ordered = await raw.insertMany([{ _id: 1 }, { _id: 1 }, { _id: 2 }], { ordered: true }).catch((e: unknown) => e);
    expect((ordered as { code?: number }).code).toBe(11000);
    expect(await raw.countDocuments()).toBe(1);
    const unordered = await raw.insertMany([{ _id: 3 }, { _id: 1 }, { _id: 4 }], { ordered: false }).catch((e: unknown) => e);
    expect((unordered as { code?: number }).code).toBe(11000);
    expect((unordered as { writeErrors?: Array<{ index: number }> }).writeErrors?.map((w) => w.index)).toEqual([1]);
    expect(await raw.countDocuments()).toBe(3);
  });
});
