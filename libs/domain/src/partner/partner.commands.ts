import { Dated } from '../decider';
import { ObligationsStatus } from '../events';
import { BusinessDate } from '../shared/business-date';

export interface RegisterPartner extends Dated {
  type: 'RegisterPartner';
  data: { partnerId: string; name: string; country: string; franchisee: boolean; region?: string };
}
export interface CertifyPartner extends Dated {
  type: 'CertifyPartner';
  data: {
    partnerId: string;
    certifiedOn: BusinessDate;
    certifiedSpecialists: number;
    responsibleEmployee: string;
    supportCommitment: true;
  };
}
export interface RevokeCertification extends Dated {
  type: 'RevokeCertification';
  data: { partnerId: string; revokedOn: BusinessDate; reason: string };
}
export interface GrantAstralCertification extends Dated {
  type: 'GrantAstralCertification';
  data: { partnerId: string; certifiedOn: BusinessDate };
}
export interface ChangeObligations extends Dated {
  type: 'ChangeObligations';
  data: { partnerId: string; status: ObligationsStatus; since: BusinessDate; note?: string };
}

export type PartnerCommand =
  | RegisterPartner
  | CertifyPartner
  | RevokeCertification
  | GrantAstralCertification
  | ChangeObligations;
