import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { plate, plateCheck, vin, vinCheck, vinCheckDigit, type PlateKind, type VinProblem } from '@m4s/contracts';

// Published example VINs: the classic one from the check-digit literature (check digit X), the Honda
// and Acura examples used by VIN decoder documentation, and a SAIC-Volkswagen VIN (WMI LSV, built to
// GB 16735) that Chinese check-digit code is commonly tested with.
const validVins: [input: string, normalised: string][] = [
  ['1M8GDM9AXKP042788', '1M8GDM9AXKP042788'],
  ['1HGCM82633A004352', '1HGCM82633A004352'],
  ['JH4KA7561PC008269', 'JH4KA7561PC008269'],
  ['LSVAM4187C2184847', 'LSVAM4187C2184847'],
  ['11111111111111111', '11111111111111111'],
  ['  lsvam4187c2184847 ', 'LSVAM4187C2184847'],
];

const invalidVins: [input: string, reason: VinProblem, why: string][] = [
  ['1M8GDM9AXKP04278', 'length', '16 characters'],
  ['1M8GDM9AXKP0427888', 'length', '18 characters'],
  ['', 'length', 'empty'],
  ['1M8GDM9AXKP0427 88', 'length', 'a space inside makes 18'],
  ['1M8GDM9AXKP04278O', 'characters', 'letter O for zero'],
  ['IM8GDM9AXKP042788', 'characters', 'letter I for one'],
  ['1M8GDM9AXKP04278Q', 'characters', 'letter Q'],
  ['LSVAM4187C218484-', 'characters', 'punctuation'],
  ['1M8GDM9A1KP042788', 'check_digit', 'check digit changed X → 1'],
  ['1M8GDM9AXKP042789', 'check_digit', 'serial digit changed 8 → 9'],
  ['LSVAM4187C2184848', 'check_digit', 'Chinese VIN, last digit changed'],
  ['LSVAN4187C2184847', 'check_digit', 'Chinese VIN, M → N in the descriptor'],
  ['1HGCM82633A004325', 'check_digit', 'two digits transposed'],
  ['WP0ZZZ99ZTS392124', 'check_digit', 'European VIN without a check digit'],
];

describe('vinCheck', () => {
  for (const [input, normalised] of validVins) {
    test(`accepts ${JSON.stringify(input)}`, () => {
      assert.deepEqual(vinCheck(input), { ok: true, vin: normalised });
    });
  }
  for (const [input, reason, why] of invalidVins) {
    test(`rejects ${JSON.stringify(input)} (${why}) for ${reason}`, () => {
      assert.deepEqual(vinCheck(input), { ok: false, reason });
    });
  }
  test('the check digit is the weighted sum mod 11, a remainder of 10 written X', () => {
    assert.equal(vinCheckDigit('1M8GDM9AXKP042788'), 'X');
    assert.equal(vinCheckDigit('1HGCM82633A004352'), '3');
    assert.equal(vinCheckDigit('LSVAM4187C2184847'), '7');
  });
});

const validPlates: [input: string, normalised: string, kind: PlateKind][] = [
  ['京A12345', '京A12345', 'standard'],
  ['沪B5T8K2', '沪B5T8K2', 'standard'],
  ['粤B·8M8K9', '粤B8M8K9', 'standard'],
  ['  浙a 12345 ', '浙A12345', 'standard'],
  ['川A·X7K29', '川AX7K29', 'standard'],
  ['沪AD12345', '沪AD12345', 'new_energy_small'],
  ['粤BF12345', '粤BF12345', 'new_energy_small'],
  ['苏EDK1234', '苏EDK1234', 'new_energy_small'],
  ['粤B·A12345', '粤BA12345', 'new_energy_small'],
  ['粤B12345D', '粤B12345D', 'new_energy_large'],
  ['京A 12345f', '京A12345F', 'new_energy_large'],
  ['粤B1234学', '粤B1234学', 'special'],
  ['京A·0001警', '京A0001警', 'special'],
  ['鲁A1234挂', '鲁A1234挂', 'special'],
  ['沪A1234领', '沪A1234领', 'special'],
  ['粤Z1234港', '粤Z1234港', 'special'],
  ['粤Z1234澳', '粤Z1234澳', 'special'],
];

const invalidPlates: [input: string, why: string][] = [
  ['', 'empty'],
  ['A12345', 'no province'],
  ['港A12345', '港 is not a mainland province abbreviation'],
  ['京I12345', 'city letter I'],
  ['京O12345', 'city letter O'],
  ['京1A2345', 'digit as the city code'],
  ['京A1234', 'too short'],
  ['京AO2345', 'letter O in the number'],
  ['京A123456', 'six digits is neither plate'],
  ['沪AD1234X', 'small new-energy plate ends in a letter'],
  ['沪A1234DF', 'large new-energy plate with two letters'],
  ['沪AL12345', 'L is no new-energy letter'],
  ['粤B12345学', 'special plate with five characters before the suffix'],
  ['京A1234使', '使 is not a suffix of this format'],
  ['京A-12345', 'hyphen'],
];

describe('plateCheck', () => {
  for (const [input, normalised, kind] of validPlates) {
    test(`accepts ${JSON.stringify(input)} as ${kind}`, () => {
      assert.deepEqual(plateCheck(input), { ok: true, plate: normalised, kind });
    });
  }
  for (const [input, why] of invalidPlates) {
    test(`rejects ${JSON.stringify(input)} (${why})`, () => {
      assert.deepEqual(plateCheck(input), { ok: false });
    });
  }
});

describe('vin and plate zod schemas', () => {
  test('they normalise what they accept', () => {
    assert.equal(vin.parse(' 1m8gdm9axkp042788'), '1M8GDM9AXKP042788');
    assert.equal(plate.parse('沪A·D1234 5'), '沪AD12345');
  });

  test('they report the field message keys the server translates', () => {
    const messages = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
      result.error?.issues.map((i) => i.message);
    assert.deepEqual(messages(vin.safeParse('1M8GDM9AXKP04278')), ['vin_length']);
    assert.deepEqual(messages(vin.safeParse('1M8GDM9AXKP04278O')), ['vin_characters']);
    assert.deepEqual(messages(vin.safeParse('1M8GDM9A1KP042788')), ['vin_check_digit']);
    assert.deepEqual(messages(plate.safeParse('京I12345')), ['plate']);
    assert.equal(vin.safeParse(12345).success, false);
  });
});
