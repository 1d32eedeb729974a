package app

import "math/big"

// MulDivRound returns a*b/d rounded half away from zero: the one rounding rule of Duebook. It
// computes in exact big-integer arithmetic so no intermediate product can overflow.
func MulDivRound(a, b, d int64) (int64, error) {
	if d == 0 {
		return 0, Errorf(CodeInternal, "division by zero")
	}
	num := new(big.Int).Mul(big.NewInt(a), big.NewInt(b))
	den := big.NewInt(d)
	neg := num.Sign()*den.Sign() < 0
	num.Abs(num)
	den.Abs(den)
	q, r := new(big.Int).QuoRem(num, den, new(big.Int))
	if r.Lsh(r, 1).Cmp(den) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	if neg {
		q.Neg(q)
	}
	if !q.IsInt64() || q.Int64() > MaxAmount || q.Int64() < -MaxAmount {
		return 0, Errorf(CodeInvalid, "the amount is too large to keep")
	}
	return q.Int64(), nil
}
