import type { DiagnosticReport, Observation } from '@medplum/fhirtypes';
import { reportDetail, reportSummary } from '../../src/records/report-view.js';

const hospital = { id: 'h1', name: '示例医院' };
const INTERPRETATION = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';

const observation = (id: string, o: Partial<Observation>): Observation => ({
  resourceType: 'Observation',
  id,
  status: 'final',
  code: { text: id },
  subject: { reference: 'Patient/p1' },
  ...o,
});

const report = (o: Partial<DiagnosticReport>): DiagnosticReport => ({
  resourceType: 'DiagnosticReport',
  id: 'r1',
  status: 'final',
  code: { text: '血常规' },
  category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'LAB' }] }],
  subject: { reference: 'Patient/p1' },
  effectiveDateTime: '2026-11-20T08:10:00+08:00',
  issued: '2026-11-20T10:00:00+08:00',
  performer: [
    { reference: 'Organization/lab', display: '检验科' },
    { reference: 'Practitioner/d1', display: '王医生' },
  ],
  ...o,
});

describe('reports as a patient reads them', () => {
  const wbc = observation('WBC', {
    valueQuantity: { value: 11.2, unit: '10^9/L' },
    referenceRange: [{ low: { value: 3.5 }, high: { value: 9.5 } }],
    interpretation: [{ coding: [{ system: INTERPRETATION, code: 'H' }] }],
  });
  const k = observation('K', {
    valueQuantity: { value: 2.6, unit: 'mmol/L' },
    referenceRange: [{ text: '3.5–5.3' }],
    interpretation: [{ coding: [{ system: INTERPRETATION, code: 'LL' }] }],
  });
  const hgb = observation('HGB', {
    valueQuantity: { value: 140, unit: 'g/L' },
    referenceRange: [{ low: { value: 130 }, high: { value: 175 } }],
    interpretation: [{ coding: [{ system: INTERPRETATION, code: 'N' }] }],
  });
  const pending = observation('PLT', { status: 'registered' });

  it('counts abnormal and critical items, and says each flag in words', () => {
    const b = { report: report({}), observations: [wbc, k, hgb, pending] };
    expect(reportSummary(b, hospital)).toMatchObject({
      category: 'lab',
      status: 'final',
      abnormalCount: 2,
      criticalCount: 1,
      department: '检验科',
      collectedAt: '2026-11-20T00:10:00.000Z',
      issuedAt: '2026-11-20T02:00:00.000Z',
      hasPdf: false,
    });
    const detail = reportDetail(b, hospital);
    expect(detail.performer).toBe('王医生');
    expect(
      detail.items.map((i) => [i.name, i.result, i.unit, i.referenceRange, i.flag, i.flagWords, i.pending]),
    ).toEqual([
      ['WBC', '11.2', '10^9/L', '3.5–9.5', 'H', '偏高', false],
      ['K', '2.6', 'mmol/L', '3.5–5.3', 'LL', '危急（偏低）', false],
      ['HGB', '140', 'g/L', '130–175', 'N', null, false],
      ['PLT', null, null, null, null, null, true],
    ]);
    expect(detail.disclaimer).toMatch(/仅供参考/);
  });

  it('maps the FHIR statuses, and a pending report has no issued time', () => {
    const status = (s: DiagnosticReport['status']) =>
      reportSummary({ report: report({ status: s }), observations: [] }, hospital);
    expect(status('registered')).toMatchObject({ status: 'pending', issuedAt: null });
    expect(status('preliminary').status).toBe('partial');
    expect(status('amended').status).toBe('corrected');
    expect(status('cancelled').status).toBe('cancelled');
  });

  it('an exam report carries its text and names its PDF', () => {
    const exam = report({
      category: [{ coding: [{ code: 'RAD' }] }],
      conclusion: '肝脏大小形态正常。',
      presentedForm: [{ contentType: 'application/pdf', url: 'Binary/b1', title: '腹部彩超.pdf', size: 2048 }],
    });
    const detail = reportDetail({ report: exam, observations: [] }, hospital);
    expect(detail).toMatchObject({ category: 'exam', conclusion: '肝脏大小形态正常。', hasPdf: true });
    expect(detail.pdf).toEqual({ title: '腹部彩超.pdf', sizeBytes: 2048 });
  });
});
