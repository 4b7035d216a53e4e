import type { DocumentVerifier, IdCardVerifier, IdentityCheck, IdentityVerifier, TravelDocument } from './verifier.js';

/** The ID card to one provider, the other documents to another: no single one checks both. */
export class RoutedIdentityVerifier implements IdentityVerifier {
  constructor(
    private readonly idCards: IdCardVerifier,
    private readonly documents: DocumentVerifier,
  ) {}

  verify(name: string, idNumber: string): Promise<IdentityCheck> {
    return this.idCards.verify(name, idNumber);
  }

  verifyDocument(document: TravelDocument): Promise<IdentityCheck> {
    return this.documents.verifyDocument(document);
  }
}
