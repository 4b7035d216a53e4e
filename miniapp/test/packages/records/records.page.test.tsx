import { fireEvent, render, screen } from '@testing-library/react';
import type { ReportDetail, StudyDetail } from '@cityhealth/shared-types';
import { saveSession } from '../../../src/api';
import { callOperation } from '../../../src/api/operation';
import { chooseEdition } from '../../../src/edition/edition-store';
import ReportPage from '../../../src/packages/records/report';
import ReportsPage from '../../../src/packages/records/reports';
import StudyPage from '../../../src/packages/records/study';
import { loginAsNewUser, makeIdNumber, makePhone } from '../../support/bff-fixtures';
import { startRecordingServer } from '../../support/recording-server';
import { navigations, resetTaro } from '../../support/taro-api';

const REPORT: ReportDetail = {
  reportId: 'r1',
  hospitalId: 'h1',
  hospitalName: '市第一人民医院',
  category: 'lab',
  title: '血常规',
  status: 'partial',
  department: '检验科',
  collectedAt: '2026-11-20T00:30:00.000Z',
  issuedAt: '2026-11-20T03:00:00.000Z',
  abnormalCount: 2,
  criticalCount: 0,
  hasPdf: true,
  items: [
    {
      code: 'WBC',
      name: '白细胞计数',
      result: '11.2',
      unit: '10^9/L',
      referenceRange: '3.5–9.5',
      flag: 'H',
      flagWords: '偏高',
      pending: false,
    },
    {
      code: 'HGB',
      name: '血红蛋白',
      result: '98',
      unit: 'g/L',
      referenceRange: '115–150',
      flag: 'L',
      flagWords: '偏低',
      pending: false,
    },
    {
      code: 'PLT',
      name: '血小板计数',
      result: '210',
      unit: '10^9/L',
      referenceRange: '125–350',
      flag: 'N',
      flagWords: null,
      pending: false,
    },
    {
      code: 'CRP',
      name: 'C反应蛋白',
      result: null,
      unit: 'mg/L',
      referenceRange: '0–10',
      flag: null,
      flagWords: null,
      pending: true,
    },
  ],
  conclusion: null,
  performer: '张医生',
  pdf: { title: '血常规报告', sizeBytes: 120_000 },
  disclaimer: '结果仅供参考，请以医院出具的纸质报告及医生诊断为准。',
};

const image = (n: number) => ({
  instanceUid: `1.2.3.${n}`,
  number: n,
  rows: 512,
  columns: 512,
  url: `/api/v1/images/ticket-${n}-0123456789abcdef?size=full`,
  thumbnailUrl: `/api/v1/images/ticket-${n}-0123456789abcdef?size=thumbnail`,
});

const STUDY: StudyDetail = {
  studyId: '1.2.3',
  hospitalId: 'h1',
  hospitalName: '市第一人民医院',
  modality: 'CT',
  modalityWords: 'CT',
  description: '胸部CT平扫',
  bodyPart: '胸部',
  startedAt: '2026-11-20T01:00:00.000Z',
  seriesCount: 1,
  imageCount: 3,
  hasReport: true,
  series: [{ seriesUid: '1.2.3.9', number: 1, modality: 'CT', description: '5mm', images: [1, 2, 3].map(image) }],
  report: {
    status: 'final',
    conclusion: '双肺未见明显异常。',
    performer: '李医生',
    issuedAt: '2026-11-20T05:00:00.000Z',
  },
  windowPresets: [
    { id: 'lung', label: '肺窗', center: -600, width: 1500 },
    { id: 'bone', label: '骨窗', center: 400, width: 1800 },
  ],
  imagesExpireAt: new Date(Date.now() + 3600_000).toISOString(),
};

/** Answers every request with `answer` while the tests of the block run, as the app's API base. */
function answering(answer: unknown) {
  const holder: { server?: Awaited<ReturnType<typeof startRecordingServer>> } = {};
  const base = (globalThis as Record<string, unknown>).__API_BASE__;
  beforeAll(async () => {
    holder.server = await startRecordingServer(answer);
    (globalThis as Record<string, unknown>).__API_BASE__ = holder.server.url;
  });
  afterAll(async () => {
    (globalThis as Record<string, unknown>).__API_BASE__ = base;
    await holder.server?.stop();
  });
  return holder;
}

describe('records pages', () => {
  it('asks for a patient, and tells an unverified one why and where to verify', async () => {
    resetTaro('packages/records/reports');
    await loginAsNewUser();
    const { unmount } = render(<ReportsPage />);
    await screen.findByTestId('records-add-patient');
    unmount();

    // A patient saved before saving and verifying became one step (the API's older operation).
    await callOperation('createPatient', {
      body: { name: '赵桂兰', idNumber: makeIdNumber(), phone: makePhone(), relation: 'parent' },
    });
    render(<ReportsPage />);
    expect((await screen.findByTestId('records-unverified')).textContent).toContain('实名认证');
    expect(screen.getByTestId('records-patient').getAttribute('aria-checked')).toBe('true');
    expect(screen.queryByTestId('reports-category')).toBeNull();
    screen.getByTestId('records-verify').click();
    expect(navigations).toEqual([{ kind: 'navigateTo', url: '/packages/patient/index' }]);
  });

  describe.each(['standard', 'elder'] as const)('a report (%s edition)', (edition) => {
    const recording = answering(REPORT);

    it('shows each result with its flag in words and an arrow, 待出 while pending, and the disclaimer', async () => {
      resetTaro('packages/records/report', { patientId: 'p1', hospitalId: 'h1', reportId: 'r1' });
      saveSession({ token: 't', expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(), accountId: 'a' });
      chooseEdition(edition);
      render(<ReportPage />);
      const rows = await screen.findAllByTestId('report-item');
      expect(rows).toHaveLength(4);
      expect(screen.getAllByTestId('report-item-flag').map((f) => f.textContent)).toEqual(['偏高 ↑', '偏低 ↓']);
      expect(rows[3]!.textContent).toContain('待出');
      expect(screen.getByTestId('report-status').textContent).toBe('部分出报告');
      expect(screen.getByTestId('report-disclaimer').textContent).toBe(REPORT.disclaimer);
      expect(screen.getByTestId('report-pdf').textContent).toContain('查看PDF');
      expect(recording.server!.requests[0]!.url).toBe('/api/v1/patients/p1/reports/r1?hospitalId=h1');
      // The standard edition is a table; the elder edition one block an item, the unit beside the value.
      expect(screen.queryAllByRole('table')).toHaveLength(edition === 'elder' ? 0 : 1);
    });
  });

  describe('a study', () => {
    const recording = answering(STUDY);

    it('shows its images on the API base, steps through the series and appends the chosen CT window', async () => {
      resetTaro('packages/records/study', { patientId: 'p1', hospitalId: 'h1', studyId: '1.2.3' });
      saveSession({ token: 't', expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(), accountId: 'a' });
      render(<StudyPage />);
      const img = await screen.findByTestId('study-image');
      const base = recording.server!.url;
      expect(img.getAttribute('src')).toBe(`${base}/api/v1/images/ticket-1-0123456789abcdef?size=full`);
      expect(screen.getByTestId('study-report').textContent).toBe('双肺未见明显异常。');
      expect(screen.getByTestId('study-position').textContent).toBe('1 / 3');

      fireEvent.click(screen.getByTestId('study-next'));
      expect(screen.getByTestId('study-position').textContent).toBe('2 / 3');
      const lung = screen.getAllByTestId('study-window').find((w) => w.getAttribute('data-value') === 'lung')!;
      fireEvent.click(lung);
      expect(lung.getAttribute('aria-checked')).toBe('true');
      expect(screen.getByTestId('study-image').getAttribute('src')).toBe(
        `${base}/api/v1/images/ticket-2-0123456789abcdef?size=full&window=lung`,
      );
      expect(recording.server!.requests[0]!.url).toBe('/api/v1/patients/p1/imaging/1.2.3?hospitalId=h1');
    });
  });
});
