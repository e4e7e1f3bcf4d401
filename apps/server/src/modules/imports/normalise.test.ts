import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { halfWidth, normaliseMobile, plateCheck, plateText, tidyText, vinCheck, vinText } from '@m4s/contracts';
import {
  cellText,
  normalisePhone,
  parseAmountFen,
  parseDate,
  parseGender,
  parseKm,
  parsePlate,
  parseText,
  parseVin,
} from './cells.ts';

// Issue 12: what people and old systems type is normalised before it is validated.
describe('normalisation before validation', () => {
  test('full-width digits, letters, punctuation and the ideographic space become half-width', () => {
    assert.equal(halfWidth('１３８００１３８０００'), '13800138000');
    assert.equal(halfWidth('ＬＳＶＡＵ２１８０'), 'LSVAU2180');
    assert.equal(halfWidth('（上海）ＶＩＮ：　Ａ－１'), '(上海)VIN: A-1');
    // Chinese text itself is left alone.
    assert.equal(halfWidth('张三，朗逸。'), '张三,朗逸。');
    assert.equal(cellText('  ２０２４年３月５日 '), '2024年3月5日');
    assert.deepEqual(parseDate('２０２４－０３－０５'), { ok: true, value: '2024-03-05' });
    assert.deepEqual(parseAmountFen('￥１，２３４．５０'), { ok: true, value: 123450 });
    assert.deepEqual(parseKm('１２３４５ｋｍ'), { ok: true, value: 12345 });
    assert.deepEqual(parseGender('Ｍ'), { ok: true, value: 'male' });
  });

  test('plates: dashes, dots, middle dots, spaces and full-width letters', () => {
    for (const written of [
      '沪E50029',
      '沪E-50029',
      '沪E·50029',
      '沪 E 50029',
      '沪E.50029',
      '沪e－50029',
      '沪Ｅ５００２９',
      '沪E—50029',
      '沪E・50029',
    ])
      assert.deepEqual(parsePlate(written), { ok: true, value: '沪E50029' }, written);
    assert.deepEqual(parsePlate('粤B·D12345'), { ok: true, value: '粤BD12345' });
    assert.equal(parsePlate('  '), null);
    // Still refused: not a plate once the separators are gone.
    assert.deepEqual(parsePlate('沪E-5002'), { ok: false, key: 'plate' });
    assert.deepEqual(parsePlate('E-50029'), { ok: false, key: 'plate' });
    // Forms people fill in keep the contracts' stricter reading (a hyphen there is shown as a typo).
    assert.deepEqual(plateCheck('京A-12345'), { ok: false });
    assert.equal(plateText('沪 E-5００29'), '沪E50029');
  });

  test('VINs: lower case, spaces, dashes and full-width characters', () => {
    const vin = 'LFV3B2FKXPA000001';
    for (const written of [
      vin,
      vin.toLowerCase(),
      'LFV3B2FKX PA000001',
      'LFV-3B2FKX-PA000001',
      ' lfv3b2fkxpa000001 ',
      'ＬＦＶ３Ｂ２ＦＫＸＰＡ０００００１',
    ])
      assert.deepEqual(parseVin(written), { ok: true, value: vin }, written);
    assert.deepEqual(parseVin('LFV3B2FK1PA000001'), { ok: false, key: 'vin_check_digit' });
    assert.deepEqual(parseVin('LFV3B2FKXPA00000'), { ok: false, key: 'vin_length' });
    assert.equal(vinText('lfv 3b2－fkx'), 'LFV3B2FKX');
    assert.deepEqual(vinCheck('1M8GDM9AXKP0427 88'), { ok: false, reason: 'length' });
  });

  test('phones: +86 / 0086 / 86, dashes, dots, spaces, brackets, full-width digits', () => {
    for (const written of [
      '13800138000',
      '+86 138-0013-8000',
      '+86-13800138000',
      '0086 13800138000',
      '008613800138000',
      '8613800138000',
      '(+86) 138 0013 8000',
      '（+86）138 0013 8000',
      '138.0013.8000',
      '１３８００１３８０００',
      '＋８６　１３８－００１３－８０００',
    ])
      assert.equal(normaliseMobile(written), '13800138000', written);
    assert.deepEqual(normalisePhone(13800138000), { ok: true, value: '13800138000' });
    assert.deepEqual(normalisePhone('１３８００１３８０００'), { ok: true, value: '13800138000' });
    // A landline or a short number is still refused (reported on its row), never guessed.
    assert.equal(normaliseMobile('021-62345678'), null);
    assert.equal(normaliseMobile('1391234567'), null);
    assert.equal(normaliseMobile('+1 415 555 0100'), null);
    assert.deepEqual(normalisePhone('021-62345678'), { ok: false, key: 'phone' });
  });

  test('names: leading, trailing and doubled spaces (any kind) go', () => {
    assert.equal(tidyText('  张　 三  '), '张 三');
    assert.deepEqual(parseText(' 王\u00a0\u00a0小明 ', 60), { ok: true, value: '王 小明' });
    assert.deepEqual(parseText('ＡＢＣ　公司', 60), { ok: true, value: 'ABC 公司' });
    assert.equal(parseText('   ', 60), null);
  });
});
