import {
  abnormalLine,
  failedHospitals,
  fileSize,
  flagView,
  hospitalOptions,
  imageSrc,
  imagesExpired,
  preselectedRecordsPatient,
  rangeOf,
  recordsPatientChoice,
  resultText,
  shareLink,
  shareState,
  statusWords,
} from '../../../src/packages/records/records.logic';
import type { Patient } from '@cityhealth/shared-types';

const order = (patientId: string, hospitalId: string, name: string, createdAt: string) => ({
  patient: { id: patientId, name: '王', idNumberMasked: '1101**********002X' },
  hospital: { id: hospitalId, name, address: '' },
  createdAt,
});

describe('records logic', () => {
  it('writes every report status in words', () => {
    expect(statusWords('pending')).toBe('未出报告');
    expect(statusWords('partial')).toBe('部分出报告');
    expect(statusWords('final')).toBe('已出报告');
    expect(statusWords('corrected')).toBe('已更正');
    expect(statusWords('cancelled')).toBe('已作废');
  });

  it('shows a flag in words with an arrow, the colour only as a tone', () => {
    const item = (flag: 'N' | 'H' | 'L' | 'HH' | 'LL' | 'A' | null, flagWords: string | null = null) => ({
      flag,
      flagWords,
      pending: false,
    });
    expect(flagView(item('H', '偏高'))).toEqual({ words: '偏高', arrow: '↑', tone: 'high' });
    expect(flagView(item('L'))).toEqual({ words: '偏低', arrow: '↓', tone: 'low' });
    expect(flagView(item('HH'))).toEqual({ words: '危急（偏高）', arrow: '↑', tone: 'critical' });
    expect(flagView(item('LL'))).toEqual({ words: '危急（偏低）', arrow: '↓', tone: 'critical' });
    expect(flagView(item('A'))).toEqual({ words: '异常', arrow: '', tone: 'abnormal' });
    expect(flagView(item('N')).words).toBe('');
    expect(flagView(item(null)).words).toBe('');
    expect(flagView({ flag: 'H', flagWords: '偏高', pending: true }).words).toBe('');
  });

  it('marks a pending result 待出', () => {
    expect(resultText({ result: null, pending: true })).toBe('待出');
    expect(resultText({ result: '', pending: false })).toBe('待出');
    expect(resultText({ result: '5.2', pending: false })).toBe('5.2');
  });

  it('says how many items are abnormal once there are results', () => {
    expect(abnormalLine({ abnormalCount: 0, criticalCount: 0, status: 'final' })).toBe('各项均在参考范围内');
    expect(abnormalLine({ abnormalCount: 3, criticalCount: 1, status: 'partial' })).toBe('异常 3 项，其中危急值 1 项');
    expect(abnormalLine({ abnormalCount: 2, criticalCount: 0, status: 'corrected' })).toBe('异常 2 项');
    expect(abnormalLine({ abnormalCount: 0, criticalCount: 0, status: 'pending' })).toBeNull();
  });

  it('orders the hospitals: all, then where the patient booked (newest first), then the rest', () => {
    const orders = [
      order('p1', 'h2', '二院', '2026-11-01T00:00:00Z'),
      order('p2', 'h4', '四院', '2026-11-05T00:00:00Z'),
      order('p1', 'h3', '三院', '2026-11-03T00:00:00Z'),
      order('p1', 'h2', '二院', '2026-10-01T00:00:00Z'),
    ];
    const list = [
      { id: 'h1', name: '一院' },
      { id: 'h2', name: '二院' },
      { id: 'h3', name: '三院' },
      { id: 'h4', name: '四院' },
    ];
    expect(hospitalOptions('p1', orders, list)).toEqual([
      { id: '', name: '全部就诊医院', booked: false },
      { id: 'h3', name: '三院', booked: true },
      { id: 'h2', name: '二院', booked: true },
      { id: 'h1', name: '一院', booked: false },
      { id: 'h4', name: '四院', booked: false },
    ]);
    expect(hospitalOptions('p9', orders, list).filter((h) => h.booked)).toEqual([]);
  });

  it('turns a preset into Shanghai calendar dates', () => {
    expect(rangeOf('3m', '2026-12-01')).toEqual({ from: '2026-08-31', to: '2026-12-01' });
    expect(rangeOf('1y', '2026-12-01')).toEqual({ from: '2025-11-30', to: '2026-12-01' });
    expect(rangeOf('all', '2026-12-01').from < '2007-01-01').toBe(true);
  });

  it('lets only verified patients be asked for, and says why otherwise', () => {
    expect(recordsPatientChoice({ verified: true })).toEqual({ selectable: true });
    expect(recordsPatientChoice({ verified: false })).toMatchObject({ selectable: false, reason: /实名认证/ });
    const patients = [{ id: 'a', verified: false } as Patient, { id: 'b', verified: true } as Patient];
    expect(preselectedRecordsPatient(patients)).toBe('b');
    expect(preselectedRecordsPatient(patients, 'a')).toBe('a');
    expect(preselectedRecordsPatient(patients, 'gone')).toBe('b');
    expect(preselectedRecordsPatient([])).toBeUndefined();
  });

  it('names the hospitals that failed with their message', () => {
    expect(
      failedHospitals([
        { hospitalId: 'h1', hospitalName: '一院', outcome: 'ok', message: null },
        { hospitalId: 'h2', hospitalName: '二院', outcome: 'failed', message: '系统维护中' },
        { hospitalId: 'h3', hospitalName: '三院', outcome: 'failed', message: null },
        { hospitalId: 'h4', hospitalName: '四院', outcome: 'no-records', message: '未找到就诊记录' },
      ]),
    ).toEqual([
      { id: 'h2', text: '二院：系统维护中' },
      { id: 'h3', text: '三院：暂时无法查询，请稍后再试' },
    ]);
  });

  it('builds image sources on the API base, with the window preset in the query', () => {
    expect(imageSrc('', '/api/v1/images/tkt?size=thumbnail')).toBe('/api/v1/images/tkt?size=thumbnail');
    expect(imageSrc('http://127.0.0.1:3000', '/api/v1/images/tkt')).toBe('http://127.0.0.1:3000/api/v1/images/tkt');
    expect(imageSrc('', '/api/v1/images/tkt', 'lung')).toBe('/api/v1/images/tkt?window=lung');
    expect(imageSrc('', '/api/v1/images/tkt?size=full', 'bone')).toBe('/api/v1/images/tkt?size=full&window=bone');
    expect(imageSrc('', '/api/v1/images/tkt', 'a b')).toBe('/api/v1/images/tkt?window=a%20b');
    expect(imageSrc('x', 'https://cdn.example/img?t=1', 'lung')).toBe('https://cdn.example/img?t=1&window=lung');
    expect(imageSrc('', '/api/v1/images/tkt', '')).toBe('/api/v1/images/tkt');
  });

  it('treats image links as expired a little before their time', () => {
    const now = Date.parse('2026-12-01T10:00:00Z');
    expect(imagesExpired('2026-12-01T10:10:00Z', now)).toBe(false);
    expect(imagesExpired('2026-12-01T10:00:10Z', now)).toBe(true);
    expect(imagesExpired('2026-12-01T09:00:00Z', now)).toBe(true);
  });

  it('says what state a share is in', () => {
    const now = Date.parse('2026-12-01T10:00:00Z');
    const s = { revokedAt: null, expiresAt: '2026-12-02T10:00:00Z', uses: 1, maxUses: 5 };
    expect(shareState(s, now)).toEqual({ active: true, words: '有效' });
    expect(shareState({ ...s, revokedAt: '2026-12-01T09:00:00Z' }, now).words).toBe('已取消');
    expect(shareState({ ...s, expiresAt: '2026-12-01T09:00:00Z' }, now).words).toBe('已过期');
    expect(shareState({ ...s, uses: 5 }, now).words).toBe('次数已用完');
    expect(shareLink('/s/abc', 'https://yy.example')).toBe('https://yy.example/s/abc');
    expect(shareLink('https://a.example/s/abc', 'https://yy.example')).toBe('https://a.example/s/abc');
  });

  it('writes a file size', () => {
    expect(fileSize(null)).toBe('');
    expect(fileSize(300)).toBe('1 KB');
    expect(fileSize(180 * 1024)).toBe('180 KB');
    expect(fileSize(2.3 * 1024 * 1024)).toBe('2.3 MB');
  });
});
