import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { api, saveSession } from '../../../src/api';
import { chooseEdition } from '../../../src/edition/edition-store';
import PatientFormPage from '../../../src/packages/patient/form';
import PatientsPage from '../../../src/packages/patient/index';
import { addVerifiedPatient, loginAsNewUser, makePhone } from '../../support/bff-fixtures';
import { navigations, resetTaro } from '../../support/taro-api';

const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });

describe.each(['standard', 'elder'] as const)('patient form (%s edition)', (edition) => {
  beforeEach(async () => {
    chooseEdition(edition);
    resetTaro('packages/patient/form');
    saveSession(null);
    await loginAsNewUser();
  });

  it('adds a Chinese passport holder saved and verified in one step, with the fields a passport asks for', async () => {
    render(<PatientFormPage />);
    fireEvent.click(await screen.findByTestId('patient-type-passport'));
    expect(screen.getByTestId('patient-type-passport').getAttribute('aria-checked')).toBe('true');
    expect(screen.getByTestId('patient-save').textContent).toBe('保存并实名认证');
    type('patient-name', '王芳');
    type('patient-id-number', 'ab');
    fireEvent.click(screen.getByTestId('patient-save'));
    expect((await screen.findByTestId('patient-id-number-error')).textContent).toBe('护照号码为 5 至 17 位字母和数字');
    expect(screen.getByTestId('patient-nationality-error').textContent).toContain('国籍代码');
    expect(screen.getByTestId('patient-gender-error').textContent).toBe('请选择性别');

    type('patient-id-number', 'e1234 5678');
    type('patient-nationality', 'chn');
    expect(screen.queryByTestId('patient-not-verifiable')).toBeNull();
    fireEvent.click(screen.getByTestId('patient-gender-F'));
    type('patient-birth-date', '19850412');
    type('patient-phone', makePhone());
    fireEvent.click(screen.getByTestId('patient-save'));
    await waitFor(() => expect(navigations.at(-1)?.kind).toMatch(/navigateBack|redirectTo/));
    const [saved] = (await api.patients()).items;
    expect(saved).toMatchObject({
      documentType: 'passport',
      name: '王芳',
      verified: true,
      gender: 'F',
      birthDate: '1985-04-12',
      idNumberMasked: 'E*****678',
    });
    cleanup();
    render(<PatientsPage />);
    expect((await screen.findByTestId('patient-document')).textContent).toBe('护照 E*****678');
    expect(screen.getByTestId('patient-verified')).toBeTruthy();
    expect(screen.queryByTestId('patient-verify')).toBeNull();
  });

  it('says before sending that a foreign passport is verified at the hospital, and sends nothing', async () => {
    render(<PatientFormPage />);
    fireEvent.click(await screen.findByTestId('patient-type-passport'));
    type('patient-name', 'John Smith');
    type('patient-id-number', 'X12345678');
    type('patient-nationality', 'us');
    expect(screen.queryByTestId('patient-not-verifiable')).toBeNull(); // not a nationality yet
    type('patient-nationality', 'usa');
    expect(screen.getByTestId('patient-not-verifiable').textContent).toBe(
      '外国护照暂不支持线上实名核验，请携带护照到医院窗口办理',
    );
    fireEvent.click(screen.getByTestId('patient-gender-M'));
    type('patient-birth-date', '1985-04-12');
    type('patient-phone', makePhone());
    expect(screen.getByTestId('patient-save').getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(screen.getByTestId('patient-save'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(navigations).toEqual([]);
    expect((await api.patients()).items).toEqual([]);
    // another document, or a Chinese passport, is verified online again
    type('patient-nationality', 'CHN');
    expect(screen.queryByTestId('patient-not-verifiable')).toBeNull();
    type('patient-nationality', 'USA');
    fireEvent.click(screen.getByTestId('patient-type-foreign-permanent-residence'));
    expect(screen.queryByTestId('patient-not-verifiable')).toBeNull();
  });

  it('says why a verification failed and saves nothing', async () => {
    render(<PatientFormPage />);
    fireEvent.click(await screen.findByTestId('patient-type-hk-macao-permit'));
    type('patient-name', '陈大文');
    type('patient-id-number', 'H12345999');
    fireEvent.click(screen.getByTestId('patient-gender-M'));
    type('patient-birth-date', '1978-09-30');
    type('patient-phone', makePhone());
    fireEvent.click(screen.getByTestId('patient-save'));
    expect((await screen.findByTestId('patient-form-error')).textContent).toBe('姓名与证件号码不一致，请核对');
    expect((await api.patients()).items).toEqual([]);
  });

  it('adds a child without a document through the account holder, below the rule book’s age', async () => {
    render(<PatientFormPage />);
    fireEvent.click(await screen.findByTestId('patient-type-child'));
    expect(screen.queryByTestId('patient-id-number')).toBeNull();
    type('patient-name', '张小宝');
    fireEvent.click(screen.getByTestId('patient-gender-F'));
    type('patient-birth-date', '2000-01-01');
    type('patient-phone', makePhone());
    fireEvent.click(screen.getByTestId('patient-save'));
    expect((await screen.findByTestId('patient-birth-date-error')).textContent).toBe(
      '年满 16 周岁的就诊人请使用本人证件添加',
    );
    type('patient-birth-date', '2021-03-04');
    fireEvent.click(screen.getByTestId('patient-save'));
    expect((await screen.findByTestId('patient-form-error')).textContent).toContain('请先添加本人');

    await addVerifiedPatient('张大山');
    fireEvent.click(screen.getByTestId('patient-save'));
    await waitFor(() => expect(navigations.at(-1)?.kind).toMatch(/navigateBack|redirectTo/));
    const child = (await api.patients()).items.find((p) => p.name === '张小宝');
    expect(child).toMatchObject({ documentType: 'child', relation: 'child', verified: true, birthDate: '2021-03-04' });
    cleanup();
    render(<PatientsPage />);
    const lines = (await screen.findAllByTestId('patient-document')).map((l) => l.textContent);
    expect(lines).toContain('儿童 · 随监护人实名');
    expect(lines.some((l) => /^身份证 \d{4}\*{10}[\dX]{4}$/.test(l ?? ''))).toBe(true);
  });
});
