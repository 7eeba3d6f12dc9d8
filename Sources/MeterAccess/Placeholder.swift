enum MeterAccessPlaceholder {}
