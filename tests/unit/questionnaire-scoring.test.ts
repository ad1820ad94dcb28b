import { describe, expect, it } from "vitest";
import { riasec } from "../../src/content/instruments/riasec.js";
import { spheres } from "../../src/content/instruments/spheres.js";
import {
  allowedValues,
  describeProfile,
  InvalidAnswers,
  instrumentRef,
  maximaOf,
  parseInstrumentRef,
  scoreAnswers,
  type ChoiceInstrument,
  type RatingInstrument,
} from "../../src/domain/questionnaire.js";

/** A small rating instrument: three scales, two items each. */
const tiny: RatingInstrument = {
  kind: "rating",
  id: "tiny",
  version: 1,
  icon: "•",
  showCode: true,
  answers: [
    { points: 2, key: "like" },
    { points: 1, key: "unsure" },
    { points: 0, key: "dislike" },
  ],
  scales: [
    { id: "X", color: "#000", directions: ["R"], professions: [] },
    { id: "Y", color: "#000", directions: ["I"], professions: [] },
    { id: "Z", color: "#000", directions: ["A"], professions: [] },
    { id: "W", color: "#000", directions: ["S"], professions: [] },
  ],
  items: [
    { id: "x1", scale: "X" },
    { id: "y1", scale: "Y" },
    { id: "z1", scale: "Z" },
    { id: "w1", scale: "W" },
    { id: "x2", scale: "X" },
    { id: "y2", scale: "Y" },
    { id: "z2", scale: "Z" },
    { id: "w2", scale: "W" },
  ],
};

const riasecAnswers = (byScale: Record<string, number>) => riasec.items.map((item) => byScale[item.scale]!);

describe("questionnaire scoring", () => {
  it("adds each answer's points to its item's scale and ranks the scales", () => {
    const score = scoreAnswers(tiny, [2, 0, 1, 0, 2, 1, 1, 0]);
    expect(score.scores).toEqual({ X: 4, Y: 1, Z: 2, W: 0 });
    expect(score.maxima).toEqual({ X: 4, Y: 4, Z: 4, W: 4 });
    expect(score.ranking).toEqual(["X", "Z", "Y", "W"]);
    expect(score.top).toEqual(["X", "Z", "Y"]);
    expect(score.code).toBe("XZY");
    expect(score.shape).toBe("clear");
    expect(score.tiedAtCut).toBe(false);
  });

  it("breaks a tie by the number of 'like' answers, then by the instrument's order: the same answers always give the same card", () => {
    // X: like + dislike = 2; Y: not sure twice = 2; Z: like + dislike = 2, W: 0.
    const score = scoreAnswers(tiny, [2, 1, 0, 0, 0, 1, 2, 0]);
    expect(score.scores).toEqual({ X: 2, Y: 2, Z: 2, W: 0 });
    expect(score.ranking).toEqual(["X", "Z", "Y", "W"]); // X and Z have a "like", Y has none
    expect(score.tiedAtCut).toBe(false);
    expect(scoreAnswers(tiny, [2, 1, 0, 0, 0, 1, 2, 0])).toEqual(score);
  });

  it("says when the third and fourth places scored the same", () => {
    const score = scoreAnswers(tiny, [2, 2, 1, 1, 2, 2, 0, 0]);
    expect(score.scores).toEqual({ X: 4, Y: 4, Z: 1, W: 1 });
    expect(score.ranking).toEqual(["X", "Y", "Z", "W"]);
    expect(score.tiedAtCut).toBe(true);
    expect(score.shape).toBe("clear");
  });

  it("calls all-equal answers an even profile, not a verdict", () => {
    for (const value of [2, 1]) {
      const score = scoreAnswers(tiny, tiny.items.map(() => value));
      expect(score.shape).toBe("even");
      expect(score.ranking).toEqual(["X", "Y", "Z", "W"]);
      expect(score.tiedAtCut).toBe(false);
    }
  });

  it("calls 'dislike' everywhere a quiet profile", () => {
    const score = scoreAnswers(riasec, riasec.items.map(() => 0));
    expect(score.shape).toBe("quiet");
    expect(score.ranking).toEqual(["R", "I", "A", "S", "E", "C"]);
    expect(Object.values(score.scores).every((v) => v === 0)).toBe(true);
  });

  it("scores RIASEC per type out of 10 with a three-letter code", () => {
    const score = scoreAnswers(riasec, riasecAnswers({ R: 1, I: 2, A: 0, S: 2, E: 1, C: 0 }));
    expect(score.scores).toEqual({ R: 5, I: 10, A: 0, S: 10, E: 5, C: 0 });
    expect(score.code).toBe("ISR"); // R before E: same score, same "like" count, instrument order
    expect(score.tiedAtCut).toBe(true);
  });

  it("ranks by the share of attainable points, so a longer scale gets no head start", () => {
    const uneven: RatingInstrument = { ...tiny, items: [...tiny.items, { id: "x3", scale: "X" }, { id: "x4", scale: "X" }] };
    // X: 4 of 8 (half); Y: 3 of 4 (three quarters).
    const score = scoreAnswers(uneven, [1, 2, 0, 0, 1, 1, 0, 0, 1, 1]);
    expect(score.scores.X).toBe(4);
    expect(score.scores.Y).toBe(3);
    expect(score.ranking[0]).toBe("Y");
  });

  it("scores a forced choice by the chosen option's scale", () => {
    const pairs: ChoiceInstrument = {
      kind: "choice",
      id: "pairs",
      version: 2,
      icon: "•",
      showCode: false,
      scales: tiny.scales.slice(0, 3),
      items: [
        { id: "1", options: ["X", "Y"] },
        { id: "2", options: ["Y", "Z"] },
        { id: "3", options: ["Z", "X"] },
      ],
    };
    const score = scoreAnswers(pairs, [0, 1, 1]);
    expect(score.scores).toEqual({ X: 2, Y: 0, Z: 1 });
    expect(score.maxima).toEqual({ X: 2, Y: 2, Z: 2 });
    expect(score.code).toBeUndefined();
    // Every scale chosen equally often: even.
    expect(scoreAnswers(pairs, [0, 0, 0]).shape).toBe("even");
  });

  it("refuses a wrong number of answers or a value the item does not offer", () => {
    expect(() => scoreAnswers(tiny, [2, 2])).toThrow(InvalidAnswers);
    expect(() => scoreAnswers(tiny, [2, 2, 2, 2, 2, 2, 2, 3])).toThrow(InvalidAnswers);
    expect(() => scoreAnswers(spheres, spheres.items.map(() => 2))).toThrow(InvalidAnswers);
    expect(allowedValues(riasec, 0)).toEqual([2, 1, 0]);
    expect(allowedValues(spheres, 19)).toEqual([0, 1]);
    expect(allowedValues(spheres, 20)).toEqual([]);
  });

  it("describes a stored result the same way it was scored", () => {
    const score = scoreAnswers(tiny, [2, 2, 1, 1, 2, 2, 0, 0]);
    expect(describeProfile(tiny, score.scores, score.ranking)).toEqual({ top: score.top, code: score.code, shape: score.shape, tiedAtCut: score.tiedAtCut });
  });

  it("names versions as id@version", () => {
    expect(instrumentRef(riasec)).toBe("riasec@1");
    expect(parseInstrumentRef("spheres@12")).toEqual({ id: "spheres", version: 12 });
    expect(parseInstrumentRef("spheres")).toBeUndefined();
    expect(maximaOf(riasec)).toEqual({ R: 10, I: 10, A: 10, S: 10, E: 10, C: 10 });
    expect(maximaOf(spheres)).toEqual({ nature: 8, technology: 8, people: 8, signs: 8, art: 8 });
  });
});
