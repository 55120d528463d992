import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { DEMO_SANCTIONS_LIST } from '../../edge/demo/sanctions.js';
import {
  DEFAULT_THRESHOLD,
  evaluate,
  indexEntries,
  ListUploadError,
  MAX_LIST_ENTRIES,
  normalisedText,
  normaliseName,
  PairsFileError,
  parseLabelledPairs,
  parseListCsv,
  parseListJson,
  type ScreeningEntry,
  scoreNames,
  screen,
} from '../../edge/screening/index.js';

// Measured once on the held-out set, short of the goal (docs/screening.md): 104 of 109 true
// pairs found (95.4%), 11 of 70 different names flagged (15.7%).
const HOLDOUT_2_RECALL = 0.954;
const HOLDOUT_2_FALSE_HITS = 0.158;
const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'screening');
const text = (raw: string) => normalisedText(normaliseName(raw));
const hit = (a: string, b: string) => scoreNames(a, b) >= DEFAULT_THRESHOLD;

describe('normalisation', () => {
  test('strips diacritics, case and punctuation', () => {
    assert.equal(text('José  GONÇALVES'), 'jose goncalves');
    assert.equal(text('Łukasz Wróbel-Nowak'), 'lukasz wrobel nowak');
    assert.equal(text("O'Brien, Seán"), 'obrien sean');
  });

  test('transliterates Devanagari and Arabic to Latin', () => {
    assert.equal(text('राजेश कुमार'), 'rajesh kumar');
    // The inherent "a" is spoken except where Hindi drops it.
    assert.equal(text('कमला नरेन्द्र संभव'), 'kamla narendra sambhav');
    assert.equal(text('محمد علي'), 'mhmd ly');
    // The joined Arabic article becomes the Latin particle.
    assert.equal(text('ناصر القحطاني'), 'nsr al qhtny');
  });

  test('sets legal forms aside, however they are written', () => {
    for (const name of [
      'Bharat Steel Pvt. Ltd.',
      'Bharat Steel Private Limited',
      'BHARAT STEEL PVT LTD',
    ])
      assert.deepEqual(normaliseName(name).legalForms, ['private-limited'], name);
    assert.equal(text('Blue Harbor Shipping L.L.C.'), 'blue harbor shipping');
    assert.equal(text('Zenith Exports & Co'), 'zenith exports');
  });

  test('keeps initials as initials', () => {
    const kinds = normaliseName('J. R. Smith').tokens.map((t) => t.kind);
    assert.deepEqual(kinds, ['initial', 'initial', 'word']);
  });
});

describe('name matching, by category', () => {
  const cases: [string, string, string][] = [
    ['transliteration', 'Mohammed Ali', 'Muhammad Ali'],
    ['transliteration', 'Osama Farouk', 'Usama Faruq'],
    ['script', 'मोहम्मद अली', 'Mohammed Ali'],
    ['script', 'عبد الرحمن الشامي', 'Abdulrahman Al-Shami'],
    ['typo', 'Jonathan Whitaker', 'Jonathon Whittaker'],
    ['reorder', 'Zhang Wei', 'Wei Zhang'],
    ['initials', 'J. R. Smith', 'John Robert Smith'],
    ['diacritics', 'Tomáš Dvořák', 'Tomas Dvorak'],
    ['company', 'Bharat Steel Pvt Ltd', 'Bharat Steel Private Limited'],
  ];
  for (const [category, a, b] of cases)
    test(`${category}: ${a} matches ${b}`, () => assert.ok(hit(a, b), `${scoreNames(a, b)}`));

  const different: [string, string][] = [
    ['Mohammed Hassan', 'Mohammed Hussein'],
    ['Gurpreet Singh', 'Harpreet Singh'],
    ['J. R. Smith', 'Mary Smith'],
    ['Sunrise Exports Pvt Ltd', 'Sunrise Imports Pvt Ltd'],
    ['Alexander Petrov', 'Alexandra Petrova'],
  ];
  for (const [a, b] of different)
    test(`look-alike: ${a} is not ${b}`, () => assert.ok(!hit(a, b), `${scoreNames(a, b)}`));

  test('romanisation systems meet: x and ks, Wade-Giles hs and pinyin x, -off and -ov', () => {
    assert.ok(hit('Aleksei Smirnov', 'Alexey Smirnoff'));
    assert.ok(hit('Xu Ming', 'Hsu Ming'));
    assert.ok(hit('Chaudhary Pervez', 'Choudhry Parvez'));
  });

  test('an Arabic spelling and a Latin one agree on the long vowels', () => {
    assert.ok(hit('محمود علي', 'Mahmoud Ali'));
    assert.ok(!hit('محمد علي', 'Mahmoud Ali'), `${scoreNames('محمد علي', 'Mahmoud Ali')}`);
    assert.ok(hit('حسين', 'Hussein'));
    assert.ok(!hit('حسن', 'Hussein'));
  });

  test('more edits than a typo makes is another name', () => {
    assert.ok(
      !hit('Deepak Joshi', 'Deepika Joshi'),
      `${scoreNames('Deepak Joshi', 'Deepika Joshi')}`,
    );
    assert.ok(hit('Katherine Joshi', 'Katharine Joshi'));
  });

  test('a surname only one record has costs little when the rest agrees', () => {
    assert.ok(hit('Walid Jumblatt', 'Walid Junblat Haddad'));
    assert.ok(!hit('Walid Haddad', 'Khalil Haddad Jumblatt'));
  });

  test('the score is symmetric and 1 for the same name', () => {
    assert.equal(scoreNames('Viktor Petrov', 'Viktor Petrov'), 1);
    assert.equal(
      scoreNames('A. Petrova', 'Anna Petrova'),
      scoreNames('Anna Petrova', 'A. Petrova'),
    );
    assert.equal(scoreNames('', 'Anna Petrova'), 0);
  });

  test('the threshold rule: a hit is a score at or above it', () => {
    const pairs = parseLabelledPairs(
      'a,b,match\nAnna Petrova,Anna Petrova,1\nAnna Petrova,Olga Smirnova,0\n',
    );
    const at = evaluate(pairs, () => 0.5, 0.5);
    assert.equal(at.recall, 1);
    assert.equal(at.falseHitRate, 1);
    const above = evaluate(pairs, () => 0.5, 0.51);
    assert.equal(above.recall, 0);
    assert.equal(above.falseHitRate, 0);
  });
});

describe('the labelled set', () => {
  const measure = (file: string) => {
    const pairs = parseLabelledPairs(readFileSync(join(FIXTURES, file), 'utf8'));
    return evaluate(pairs, (a, b) => scoreNames(a, b), DEFAULT_THRESHOLD);
  };

  // The goal, on the sets the matcher was tuned on (docs/screening.md).
  for (const file of ['pairs.csv', 'pairs-holdout.csv'])
    test(`${file} (tuning) meets the goal: recall 98% or more, false hits 3% or less`, () => {
      const result = measure(file);
      assert.ok(result.pairs >= 80);
      assert.ok(result.recall >= 0.98, `recall ${result.recall}`);
      assert.ok(result.falseHitRate <= 0.03, `false hits ${result.falseHitRate}`);
    });

  // The held-out figure: written before the rules it measures and never tuned on.
  test('pairs-holdout-2.csv (held out) keeps what it measured', () => {
    const result = measure('pairs-holdout-2.csv');
    assert.ok(result.pairs >= 120);
    assert.ok(result.recall >= HOLDOUT_2_RECALL, `recall ${result.recall}`);
    assert.ok(result.falseHitRate <= HOLDOUT_2_FALSE_HITS, `false hits ${result.falseHitRate}`);
  });

  test('a malformed pairs file names its line', () => {
    assert.throws(
      () => parseLabelledPairs('a,b,match\nAnna,Anna,1\nAnna,Olga,yes\n'),
      (e: unknown) => e instanceof PairsFileError && e.line === 3,
    );
    assert.throws(() => parseLabelledPairs('x,y\n1,2\n'), PairsFileError);
  });
});

describe('screen()', () => {
  const entry = (over: Partial<ScreeningEntry>): ScreeningEntry => ({
    name: 'Viktor Petrov',
    aliases: [],
    list: 'TEST',
    reference: 'T-1',
    ...over,
  });

  test('hits are sorted best first, with the alias that matched', () => {
    const hits = screen({ name: 'Muhammad Qarwash' }, DEMO_SANCTIONS_LIST);
    assert.equal(hits[0]?.entry.reference, 'GWS-0002');
    assert.equal(hits[0]?.matchedName, 'Muhammad Qarwash');
    for (let i = 1; i < hits.length; i++)
      assert.ok((hits[i - 1]?.score ?? 0) >= (hits[i]?.score ?? 0));
  });

  test('an alias in Devanagari catches the Latin spelling', () => {
    const hits = screen({ name: 'Gurvinder Singh Bhalwaria' }, DEMO_SANCTIONS_LIST);
    assert.equal(hits[0]?.entry.reference, 'GWP-0007');
    assert.equal(screen({ name: 'Jane Smith' }, DEMO_SANCTIONS_LIST).length, 0);
  });

  test('a matching date of birth and country raise the score; a different year lowers it', () => {
    const list = [entry({ dateOfBirth: '1966-04-04', country: 'RU' })];
    const [plain] = screen({ name: 'Viktor Petrov' }, list, { threshold: 0 });
    const [same] = screen(
      { name: 'Viktor Petrov', dateOfBirth: '1966-04-04', country: 'ru' },
      list,
      { threshold: 0 },
    );
    const [other] = screen(
      { name: 'Viktor Petrov', dateOfBirth: '1990-01-01', country: 'FR' },
      list,
      { threshold: 0 },
    );
    assert.ok(plain && same && other);
    assert.equal(plain.score, 1);
    assert.ok(same.score >= plain.score);
    // The same name exactly is still held for review; a near name born elsewhere is not.
    assert.ok(other.score < plain.score && other.score >= DEFAULT_THRESHOLD);
    const near = screen({ name: 'Vikto Petrov', dateOfBirth: '1990-01-01', country: 'FR' }, list);
    assert.equal(near.length, 0);
    const [typo] = screen({ name: 'Vikto Petrov', dateOfBirth: '1966-04-04' }, list, {
      threshold: 0,
    });
    const [typoPlain] = screen({ name: 'Vikto Petrov' }, list, { threshold: 0 });
    assert.ok(typo && typoPlain && typo.score > typoPlain.score);
  });

  test('the index finds every hit that scoring the whole list finds', () => {
    const pairs = ['pairs.csv', 'pairs-holdout.csv', 'pairs-holdout-2.csv'].flatMap((file) =>
      parseLabelledPairs(readFileSync(join(FIXTURES, file), 'utf8')),
    );
    const entries = pairs.map((p, i) => entry({ name: p.b, reference: `P-${i}` }));
    const index = indexEntries(entries);
    for (const [i, p] of pairs.entries()) {
      const found = screen({ name: p.a }, index).some((h) => h.entry.reference === `P-${i}`);
      assert.equal(found, hit(p.a, p.b), `${p.a} | ${p.b}`);
    }
  });
});

describe('list uploads', () => {
  test('a CSV with aliases separated by ;', () => {
    const csv =
      'name,aliases,date_of_birth,country,list,reference\nViktor Petrov,Victor Petrov; В. Петров,1966-04-04,ru,L,R-1\n';
    assert.deepEqual(parseListCsv(csv), [
      {
        name: 'Viktor Petrov',
        aliases: ['Victor Petrov', 'В. Петров'],
        dateOfBirth: '1966-04-04',
        country: 'RU',
        list: 'L',
        reference: 'R-1',
      },
    ]);
  });

  const problems = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      assert.ok(e instanceof ListUploadError);
      return e.problems.join('\n');
    }
    assert.fail('no error');
  };

  test('a bad row is named by its line and field', () => {
    const csv =
      'name,aliases,date_of_birth,country,list,reference\nAnna,,1990-01-01,GB,L,R-1\n,,,,L,R-2\nOlga,,31/12/1990,GB,L,R-3\n';
    const found = problems(() => parseListCsv(csv));
    assert.match(found, /line 3: name/);
    assert.match(found, /line 4: dateOfBirth must be YYYY-MM-DD or YYYY/);
  });

  test('a row with too many fields is a syntax error with its line', () => {
    assert.match(
      problems(() => parseListCsv('name,list,reference\nAnna,L,R-1\nOlga,L,R-2,extra\n')),
      /line 3/,
    );
  });

  test('a missing name column, a name too long, too many entries', () => {
    assert.match(
      problems(() => parseListCsv('list,reference\nL,R\n')),
      /"name" column/,
    );
    assert.match(
      problems(() =>
        parseListJson(JSON.stringify([{ name: 'x'.repeat(201), list: 'L', reference: 'R' }])),
      ),
      /entry 0: name is longer than 200/,
    );
    const many = Array.from({ length: MAX_LIST_ENTRIES + 1 }, (_, i) => ({
      name: `N ${i}`,
      list: 'L',
      reference: `${i}`,
    }));
    assert.match(
      problems(() => parseListJson(JSON.stringify(many))),
      /more than 50000 entries/,
    );
    assert.match(
      problems(() => parseListJson('{')),
      /not valid JSON/,
    );
  });

  test('the demo list is a valid upload', () => {
    assert.equal(
      parseListJson(JSON.stringify(DEMO_SANCTIONS_LIST)).length,
      DEMO_SANCTIONS_LIST.length,
    );
  });
});
