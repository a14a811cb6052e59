/** Hash-router paths of the contract screens. */
export const contractPaths = {
  home: '/contrats',
  newContract: (personId: number) => `/beneficiaires/${personId}/contrats/nouveau`,
  contract: (contractId: number) => `/contrats/${contractId}`,
  edit: (contractId: number) => `/contrats/${contractId}/modifier`,
} as const;
