import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import type { DocumentType, Patient, Relation } from '@cityhealth/shared-types';
import { DOCUMENT_TYPE_LABELS, DOCUMENT_TYPES, RELATION_LABELS, RELATIONS } from '@cityhealth/shared-types/labels';
import { api, ApiError, messageOf } from '../../api';
import { ActionButton } from '../../components/action-button';
import { Field } from '../../components/field';
import { Notice } from '../../components/notice';
import { PageShell } from '../../components/page-shell';
import { Section } from '../../components/section';
import { NotReadyPage } from '../../components/state-view';
import { backOr } from '../../features/navigation';
import { ROUTES } from '../../routes';
import {
  changes,
  defaultRelation,
  documentFields,
  draftErrors,
  emptyDraft,
  newPatient,
  notVerifiableOnline,
  NUMBER_FIELD,
  type DraftErrors,
  type PatientDraft,
} from './form.logic';
import { ChoiceChips } from './components/choice-chips';
import './form.scss';

type Load =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; original: Patient | null; count: number; childMaxAge: number };

const FIELDS: (keyof DraftErrors)[] = ['name', 'idNumber', 'nationality', 'gender', 'birthDate', 'phone'];
const GENDERS = [
  { value: 'M', label: '男' },
  { value: 'F', label: '女' },
] as const;

/**
 * Add a patient by document, saved and verified in one step; or change one (a verified patient's name
 * and document stay as verified).
 */
export default function PatientFormPage() {
  const id = useRouter().params.id;
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [draft, setDraft] = useState<PatientDraft>(emptyDraft('self'));
  const [errors, setErrors] = useState<DraftErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState<'save' | 'delete' | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);

  async function fetchPatient() {
    try {
      const [list, rules] = await Promise.all([api.patients(), api.bookingRules()]);
      const original = id ? (list.items.find((p) => p.id === id) ?? null) : null;
      if (id && !original) throw new ApiError(404, 'NOT_FOUND', '该就诊人不存在或已删除');
      setLoad({ kind: 'ready', original, count: list.items.length, childMaxAge: rules.childMaxAge });
      setDraft(
        original
          ? {
              ...emptyDraft(original.relation),
              documentType: original.documentType,
              name: original.name,
              gender: original.gender,
            }
          : emptyDraft(defaultRelation(list.items.length)),
      );
    } catch (e) {
      setLoad({ kind: 'error', message: messageOf(e) });
    }
  }
  /* biome-ignore lint/correctness/useExhaustiveDependencies: the patient is read again when the page is opened for
     another id, not on each render */
  useEffect(() => void fetchPatient(), [id]);

  if (load.kind !== 'ready') return <NotReadyPage state={load} onRetry={fetchPatient} />;
  const original = load.original;
  const locked = Boolean(original?.verified);
  const childMaxAge = load.childMaxAge;
  const set = (k: keyof PatientDraft) => (v: string) => setDraft({ ...draft, [k]: v });
  const fields = documentFields(draft.documentType);
  const offline = original ? null : notVerifiableOnline(draft);
  const chooseDocument = (documentType: DocumentType) =>
    setDraft({ ...draft, documentType, relation: documentType === 'child' ? 'child' : draft.relation });

  async function save() {
    const relevant = draftErrors(draft, { locked, editing: original !== null, childMaxAge });
    setErrors(relevant);
    if (Object.keys(relevant).length > 0 || offline) return;
    setBusy('save');
    setProblem(null);
    try {
      if (original) {
        const diff = changes(draft, original);
        if (Object.keys(diff).length > 0) await api.updatePatient(original.id, diff);
      } else await api.addPatient(newPatient(draft));
      backOr(ROUTES.patients);
    } catch (err) {
      if (err instanceof ApiError && FIELDS.some((f) => err.fieldMessage(f))) {
        setErrors(Object.fromEntries(FIELDS.map((f) => [f, err.fieldMessage(f)])) as DraftErrors);
      } else setProblem(messageOf(err));
    } finally {
      setBusy(null);
    }
  }

  async function remove() {
    if (!original) return;
    setBusy('delete');
    setProblem(null);
    try {
      await api.removePatient(original.id);
      backOr(ROUTES.patients);
    } catch (err) {
      setProblem(messageOf(err));
      setConfirmDelete(false);
    } finally {
      setBusy(null);
    }
  }

  return (
    <PageShell
      className="patient-form"
      footer={
        <ActionButton block busy={busy === 'save'} disabled={Boolean(offline)} onClick={save} testId="patient-save">
          {original ? '保存' : '保存并实名认证'}
        </ActionButton>
      }
    >
      <Section>
        {locked && <Notice kind="info" text="已实名认证的就诊人不能修改姓名和证件号" />}
        {original ? (
          <View className="patient-form__document">
            <Text className="patient-form__label">证件类型</Text>
            <Text data-testid="patient-document-type">{DOCUMENT_TYPE_LABELS[original.documentType]}</Text>
          </View>
        ) : (
          <ChoiceChips
            label="证件类型"
            options={DOCUMENT_TYPES.map((t) => ({ value: t, label: DOCUMENT_TYPE_LABELS[t] }))}
            chosen={draft.documentType}
            onChoose={chooseDocument}
            testId="patient-type"
          />
        )}
        {!original && draft.documentType === 'child' && (
          <Notice
            kind="info"
            text={`未满 ${childMaxAge} 周岁、没有证件的儿童，由账号本人（已实名的居民身份证）作为监护人添加，无需单独认证。`}
          />
        )}
        <Field
          label="姓名"
          value={draft.name}
          onInput={set('name')}
          maxlength={30}
          placeholder={draft.documentType === 'child' ? '儿童姓名' : '与证件一致'}
          error={errors.name}
          testId="patient-name"
          disabled={locked}
        />
        {original && original.documentType === 'id-card' && (
          <Field
            label="身份证号"
            value={locked ? original.idNumberMasked : draft.idNumber}
            onInput={set('idNumber')}
            type="idcard"
            maxlength={18}
            placeholder={`${original.idNumberMasked}（不修改可留空）`}
            error={errors.idNumber}
            testId="patient-id-number"
            disabled={locked}
          />
        )}
        {!original && draft.documentType !== 'child' && (
          <Field
            label={NUMBER_FIELD[draft.documentType].label}
            value={draft.idNumber}
            onInput={set('idNumber')}
            type={draft.documentType === 'id-card' ? 'idcard' : 'text'}
            maxlength={draft.documentType === 'id-card' ? 18 : 20}
            placeholder={NUMBER_FIELD[draft.documentType].placeholder}
            error={errors.idNumber}
            testId="patient-id-number"
          />
        )}
        {!original && fields.nationality && (
          <Field
            label="国籍"
            value={draft.nationality}
            onInput={set('nationality')}
            maxlength={3}
            placeholder="3 位字母代码，如 USA"
            error={errors.nationality}
            testId="patient-nationality"
          />
        )}
        {offline && <Notice kind="warning" text={offline} testId="patient-not-verifiable" />}
        {!original && fields.holder && (
          <>
            <ChoiceChips
              label="性别"
              options={GENDERS}
              chosen={draft.gender}
              onChoose={(gender) => setDraft({ ...draft, gender })}
              error={errors.gender}
              testId="patient-gender"
            />
            <Field
              label="出生日期"
              value={draft.birthDate}
              onInput={set('birthDate')}
              maxlength={10}
              placeholder="如 2020-05-01"
              error={errors.birthDate}
              testId="patient-birth-date"
            />
          </>
        )}
        <Field
          label="手机号"
          value={draft.phone}
          onInput={set('phone')}
          type="number"
          maxlength={11}
          placeholder={original ? `${original.phoneMasked}（不修改可留空）` : '就诊人手机号'}
          error={errors.phone}
          testId="patient-phone"
        />
        <ChoiceChips
          label="与本人关系"
          options={RELATIONS.map((r: Relation) => ({ value: r, label: RELATION_LABELS[r] }))}
          chosen={draft.relation}
          onChoose={(relation) => setDraft({ ...draft, relation })}
        />
      </Section>
      {problem && <Notice kind="error" text={problem} testId="patient-form-error" />}
      {original && !confirmDelete && (
        <ActionButton kind="danger" block onClick={() => setConfirmDelete(true)} testId="patient-delete">
          删除就诊人
        </ActionButton>
      )}
      {original && confirmDelete && (
        <View className="patient-form__confirm">
          <Text className="patient-form__label">确定删除就诊人 {original.name} 吗？</Text>
          <View className="patient-form__confirm-actions">
            <ActionButton kind="secondary" onClick={() => setConfirmDelete(false)}>
              不删除
            </ActionButton>
            <ActionButton kind="danger" busy={busy === 'delete'} onClick={remove} testId="patient-delete-confirm">
              确认删除
            </ActionButton>
          </View>
        </View>
      )}
    </PageShell>
  );
}
