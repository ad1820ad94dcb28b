import mongoose from "mongoose";
import { beforeAll, describe, expect, it } from "vitest";
import { type LooseDoc, useTestDatabase } from "./helpers.js";

const { ObjectId } = mongoose.mongo;
const db = useTestDatabase("agg");

const schoolSchema = new mongoose.Schema({ name: String, city: String });
const pupilSchema = new mongoose.Schema({
  name: String,
  school: mongoose.Schema.Types.ObjectId,
  grade: Number,
  interests: [String],
  joined: Date,
});

const School = () => db.current.connection.model("School", schoolSchema);
const Pupil = () => db.current.connection.model("Pupil", pupilSchema);

const s1 = new ObjectId();
const s2 = new ObjectId();

describe("aggregate", () => {
  beforeAll(async () => {
    await School().insertMany([
      { _id: s1, name: "№1 гимназия", city: "Алматы" },
      { _id: s2, name: "Школа-лицей", city: "Бишкек" },
    ]);
    await Pupil().insertMany([
      { name: "A", school: s1, grade: 9, interests: ["it", "art"], joined: new Date("2024-09-01") },
      { name: "B", school: s1, grade: 10, interests: ["it"], joined: new Date("2024-09-02") },
      { name: "C", school: s2, grade: 9, interests: ["med", "it"], joined: new Date("2024-10-01") },
      { name: "D", school: s2, grade: 11, interests: [], joined: new Date("2024-10-05") },
      { name: "E", school: s2, grade: 9, interests: ["art"], joined: new Date("2024-11-01") },
    ]);
  });

  it("$match, $group with accumulators and $sort", async () => {
    const rows = await Pupil().aggregate<{ _id: number; n: number; names: string[] }>([
      { $match: { grade: { $lte: 10 } } },
      { $group: { _id: "$grade", n: { $sum: 1 }, names: { $push: "$name" } } },
      { $sort: { _id: 1 } },
    ]);
    expect(rows).toEqual([
      { _id: 9, n: 3, names: ["A", "C", "E"] },
      { _id: 10, n: 1, names: ["B"] },
    ]);
  });

  it("groups by ObjectId and joins with $lookup", async () => {
    const rows = await Pupil().aggregate<{ _id: unknown; pupils: number; school: Array<{ city: string }> }>([
      { $group: { _id: "$school", pupils: { $sum: 1 }, avgGrade: { $avg: "$grade" } } },
      { $lookup: { from: "schools", localField: "_id", foreignField: "_id", as: "school" } },
      { $sort: { pupils: -1 } },
    ]);
    expect(rows).toHaveLength(2);
    expect(rows[0]!.pupils).toBe(3);
    expect(rows[0]!.school[0]!.city).toBe("Бишкек");
    expect(rows[1]!.school[0]!.city).toBe("Алматы");
    expect(rows[0]!._id).toBeInstanceOf(ObjectId);
  });

  it("$lookup with a pipeline, $unwind, $project and $addFields", async () => {
    const rows = await School().aggregate([
      { $match: { city: "Бишкек" } },
      {
        $lookup: {
          from: "pupils",
          let: { sid: "$_id" },
          pipeline: [{ $match: { $expr: { $eq: ["$school", "$$sid"] } } }, { $project: { _id: 0, name: 1, grade: 1 } }],
          as: "pupils",
        },
      },
      { $unwind: "$pupils" },
      { $addFields: { label: { $concat: ["$name", ": ", "$pupils.name"] } } },
      { $project: { _id: 0, label: 1, grade: "$pupils.grade" } },
      { $sort: { grade: -1, label: 1 } },
    ]);
    expect(rows).toEqual([
      { label: "Школа-лицей: D", grade: 11 },
      { label: "Школа-лицей: C", grade: 9 },
      { label: "Школа-лицей: E", grade: 9 },
    ]);
  });

  it("$unwind of arrays, $count, $skip, $limit and $facet", async () => {
    const interests = await Pupil().aggregate([
      { $unwind: "$interests" },
      { $group: { _id: "$interests", n: { $sum: 1 } } },
      { $sort: { n: -1, _id: 1 } },
    ]);
    expect(interests).toEqual([
      { _id: "it", n: 3 },
      { _id: "art", n: 2 },
      { _id: "med", n: 1 },
    ]);
    const [count] = await Pupil().aggregate([{ $match: { grade: 9 } }, { $count: "total" }]);
    expect(count).toEqual({ total: 3 });
    const page = await Pupil().aggregate([{ $sort: { name: 1 } }, { $skip: 1 }, { $limit: 2 }, { $project: { _id: 0, name: 1 } }]);
    expect(page).toEqual([{ name: "B" }, { name: "C" }]);
    const [facets] = await Pupil().aggregate([
      {
        $facet: {
          byGrade: [{ $group: { _id: "$grade", n: { $sum: 1 } } }, { $sort: { _id: 1 } }],
          total: [{ $count: "n" }],
          autumn: [{ $match: { joined: { $gte: new Date("2024-10-01") } } }, { $project: { _id: 0, name: 1 } }],
        },
      },
    ]);
    expect(facets).toEqual({
      byGrade: [
        { _id: 9, n: 3 },
        { _id: 10, n: 1 },
        { _id: 11, n: 1 },
      ],
      total: [{ n: 5 }],
      autumn: [{ name: "C" }, { name: "D" }, { name: "E" }],
    });
  });

  it("date and conditional expressions", async () => {
    const rows = await Pupil().aggregate([
      { $project: { _id: 0, name: 1, month: { $month: "$joined" }, senior: { $cond: [{ $gte: ["$grade", 10] }, true, false] } } },
      { $match: { senior: true } },
      { $sort: { name: 1 } },
    ]);
    expect(rows).toEqual([
      { name: "B", month: 9, senior: true },
      { name: "D", month: 10, senior: true },
    ]);
  });

  it("does not change stored documents when stages reshape them", async () => {
    await Pupil().aggregate([{ $addFields: { "extra.note": "x", grade: 0 } }, { $unset: "name" }]);
    await School().aggregate([{ $lookup: { from: "pupils", localField: "_id", foreignField: "school", as: "p" } }, { $unwind: "$p" }, { $set: { "p.name": "changed" } }]);
    const stored = await Pupil().find({}, { _id: 0, name: 1, grade: 1 }).sort({ name: 1 }).lean();
    expect(stored.map((p) => p.name)).toEqual(["A", "B", "C", "D", "E"]);
    expect(stored.every((p) => p.grade! >= 9)).toBe(true);
  });

  it("countDocuments goes through aggregation and honours skip/limit", async () => {
    expect(await Pupil().countDocuments({ school: s2 })).toBe(3);
    expect(await Pupil().countDocuments({}, { skip: 1, limit: 3 })).toBe(3);
  });

  it("$out writes the result into a collection", async () => {
    await Pupil().aggregate([{ $match: { grade: 9 } }, { $project: { name: 1 } }, { $out: "grade9" }]);
    const out = await db.current.connection.collection<LooseDoc>("grade9").find().sort({ name: 1 }).toArray();
    expect(out.map((d) => d.name)).toEqual(["A", "C", "E"]);
  });
});
