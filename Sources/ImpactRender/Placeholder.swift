import ImpactCore
