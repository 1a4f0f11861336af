import { causeCategories, suggestMeasures, tiltaksbank } from "../../../src/domain/templates";

describe("tiltaksbank", () => {
  test("when the bank is listed, then 003's categories 1–12 come first, in order, followed by 001's areas", () => {
    expect(tiltaksbank.filter((c) => c.number !== null).map((c) => c.number)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
    ]);
    expect(tiltaksbank[0]?.title.nb).toBe("Årsakskartlegging");
    expect(
      tiltaksbank.filter((c) => c.number === null).every((c) => c.source.startsWith("001_0e72a656cc5051f2.txt")),
    ).toBe(true);
    expect(
      tiltaksbank.filter((c) => c.number !== null).every((c) => c.source.startsWith("003_e357b8ccbdc6fbc2.txt")),
    ).toBe(true);
  });

  test("when any suggestion is read, then it has an area and text in all three languages, and a unique id", () => {
    const all = suggestMeasures();
    expect(all.length).toBeGreaterThan(50);
    expect(new Set(all.map((s) => s.id)).size).toBe(all.length);
    for (const s of all) {
      expect(s.areas.length).toBeGreaterThan(0);
      expect(s.label.nb && s.label.nn && s.label.en).toBeTruthy();
    }
  });

  test("when suggestions for home are asked for, then every suggestion concerns home", () => {
    const home = suggestMeasures(["hjem"]);
    expect(home.length).toBeGreaterThan(5);
    expect(home.every((s) => s.areas.includes("hjem"))).toBe(true);
    expect(home.some((s) => s.label.nb.includes("morgenrutiner"))).toBe(true);
    expect(suggestMeasures(["home"])).toEqual(home);
  });

  test("when only unknown areas are asked for, then nothing is suggested; no areas gives everything", () => {
    expect(suggestMeasures(["moon"])).toEqual([]);
    expect(suggestMeasures([])).toHaveLength(suggestMeasures().length);
  });

  test("when the bank is shared, then it cannot be changed by a caller", () => {
    expect(Object.isFrozen(tiltaksbank)).toBe(true);
    expect(Object.isFrozen(tiltaksbank[0]?.suggestions[0]?.label)).toBe(true);
  });
});

describe("causeCategories (003 årsakskartlegging)", () => {
  test("when the categories are listed, then they are the eleven cards with English snake_case ids and three languages", () => {
    expect(causeCategories.map((c) => c.id)).toEqual([
      "school_difficult",
      "physically_ill",
      "anxious",
      "afraid",
      "sad",
      "behind_academically",
      "stress",
      "friends",
      "problems_at_home",
      "sleep_problems",
      "other",
    ]);
    for (const c of causeCategories) {
      expect(c.id).toMatch(/^[a-z]+(_[a-z]+)*$/);
      expect(c.label.nb && c.label.nn && c.label.en).toBeTruthy();
    }
    expect(causeCategories.find((c) => c.id === "physically_ill")?.label.nb).toBe("Fysisk syk");
  });
});
