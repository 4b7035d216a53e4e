import { filesNamePatient } from '../../src/records/files-patient.js';

/** A study's DICOM files name the FHIR Patient by PatientID, and by IssuerOfPatientID when they carry one. */
describe('the patient a study’s files name', () => {
  const identifiers = [
    { system: 'http://hl7.org/fhir/sid/passport-USA', value: 'X12345678' },
    { system: 'urn:oid:2.16.156.10011.1.11', value: 'MZ0000000001', assigner: { display: 'H001' } },
  ];

  it('matches a PatientID of the Patient’s, without an issuer or with the issuer of that identifier', () => {
    expect(filesNamePatient({ id: 'MZ0000000001', issuer: null }, identifiers)).toBe(true);
    expect(filesNamePatient({ id: 'MZ0000000001', issuer: 'H001' }, identifiers)).toBe(true);
    expect(filesNamePatient({ id: 'MZ0000000001', issuer: '2.16.156.10011.1.11' }, identifiers)).toBe(true);
    expect(filesNamePatient({ id: 'X12345678', issuer: 'http://hl7.org/fhir/sid/passport-USA' }, identifiers)).toBe(
      true,
    );
  });

  it('refuses another id, or the Patient’s number issued by someone else', () => {
    expect(filesNamePatient({ id: 'MZ0000000002', issuer: null }, identifiers)).toBe(false);
    expect(filesNamePatient({ id: 'X12345678', issuer: 'http://hl7.org/fhir/sid/passport-CAN' }, identifiers)).toBe(
      false,
    );
    expect(filesNamePatient({ id: 'MZ0000000001', issuer: 'H002' }, identifiers)).toBe(false);
    expect(filesNamePatient({ id: 'MZ0000000001', issuer: null }, [])).toBe(false);
  });
});
